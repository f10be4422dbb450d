"""Signal detectors of the discoverability report (``dpgcheck_indicators.discoverability``).

Written as a third party would write a plugin: they import only ``dpgcheck.api`` plus the
standard library and dpgcheck's declared dependencies, and read data files shipped in
``dpgcheck/data/``.
"""
