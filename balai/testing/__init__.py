"""Support for Balai's tests only: nothing outside tests imports this package."""
