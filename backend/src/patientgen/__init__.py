"""PatientGen: synthetic casualty data for military medical exercises."""

__version__ = "0.1.0"
