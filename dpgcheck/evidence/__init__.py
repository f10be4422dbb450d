"""Shared detectors the indicators read: README, code of conduct, copyright, owners, SDG
hints, publiccode.yml facts, licences, dependencies and the source scan signals."""
