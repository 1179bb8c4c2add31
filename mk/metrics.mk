# SPDX-License-Identifier: GPL-2.0
# Metrics mode (engine/metrics/): --metrics serves maps over HTTP with
# libmicrohttpd; tests/bats/metrics.bats scrapes with a real Prometheus
# server and reads --metrics-file through node_exporter's textfile collector.
DEB_PKGS += libmicrohttpd-dev
TEST_PKGS += prometheus prometheus-node-exporter curl
LDLIBS += -lmicrohttpd
