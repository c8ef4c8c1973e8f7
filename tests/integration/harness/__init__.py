"""Lineside end-to-end test harness: paths, ports, config, certificates, daemon, SIP/admin clients."""
