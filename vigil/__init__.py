"""vigil: sourced figures and events on immigration detention and enforcement."""

__version__ = "0.1.0"
