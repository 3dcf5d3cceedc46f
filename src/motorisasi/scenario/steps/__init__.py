"""The scenario run as named steps: inputs, demand, fleet, energy, industry, checks (assembled
by :mod:`motorisasi.scenario.run`)."""
