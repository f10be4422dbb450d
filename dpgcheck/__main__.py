from dpgcheck.cli.entry import main

main()
