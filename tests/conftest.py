import os

from hypothesis import HealthCheck, settings

# CI runs a fixed sequence of examples so that main stays reproducibly green; locally the
# examples are random, which is how new counter-examples are found.
settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# A longer search before a release: HYPOTHESIS_PROFILE=thorough python -m pytest
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))
