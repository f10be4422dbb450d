from dpgcheck.entry import main

main()
