"""The DPGA application: answers drawn from a check, the nominee and screening writers."""
