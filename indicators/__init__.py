"""dpgcheck's built-in indicators, one module each (installed as ``dpgcheck_indicators``)."""
