# Safe Chat: `make run` starts the bot, `make test` runs every check. Both set up first:
# a .venv with Python 3.10 and the locked requirements, the project's spaCy pipeline, and a
# model trained only when its inputs changed.
SHELL := /bin/bash
VENV := .venv
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
export PYTHONPATH := $(CURDIR)
# Quiet, private runs: no telemetry, no TensorFlow start-up noise.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export TF_ENABLE_ONEDNN_OPTS := 0
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONWARNINGS := ignore::DeprecationWarning
export ACTIONS_PORT ?= 5055
export RASA_PORT ?= 5005

.PHONY: run test eval bench purge train setup validate lock clean browser

run: train
	scripts/run.sh

test: train browser
	scripts/ensure_postgres.sh
	scripts/validate.sh
	python -m pytest

# Delete stored conversations older than SAFECHAT_RETENTION_DAYS (7); the server also does
# this at start-up. Uses the tracker store of endpoints.yml (and its SAFECHAT_DB_* overrides).
purge: setup
	python -m safechat.retention

# Load benchmark (tools/bench.py): starts the bot and a plain `rasa init` bot, prints a table.
bench: train
	python -m tools.bench

# Measure the model on the held-out set (eval/) through the REST channel; writes results/.
eval: train
	python -m tools.evaluate

# The widget's browser tests drive Debian's Chromium (tests/browser/); install it when missing.
browser:
	@test -x /usr/bin/chromium || { \
	  s=; [ "$$(id -u)" = 0 ] || s=sudo; \
	  $$s apt-get update && DEBIAN_FRONTEND=noninteractive $$s apt-get install -y chromium; }

train: setup
	scripts/train_if_stale.sh

setup: $(VENV)/.spacy-pipeline

validate: setup
	scripts/validate.sh

$(VENV)/.installed: requirements.txt
	@python=$$(scripts/find_python.sh) && echo "Creating $(VENV) with $$python" && \
	  "$$python" -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet pip==24.0
	$(VENV)/bin/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.spacy-pipeline: $(VENV)/.installed spacy_pipeline/build.py
	rm -rf build/spacy
	$(VENV)/bin/python -m pip install --quiet --no-deps --force-reinstall \
	  "$$($(VENV)/bin/python spacy_pipeline/build.py build/spacy)"
	touch $@

# Rebuild requirements.txt (the full lock) from requirements.in in a scratch venv.
lock:
	rm -rf build/lock && "$$(scripts/find_python.sh)" -m venv build/lock
	build/lock/bin/python -m pip install --quiet pip==24.0
	build/lock/bin/python -m pip install --quiet -r requirements.in
	{ echo "# Full lock of requirements.in, made with 'make lock' on Python 3.10. Every package pinned."; \
	  build/lock/bin/python -m pip freeze --all | grep -v '^pip=='; } > requirements.txt

clean:
	rm -rf $(VENV) build models/*.tar.gz .pytest_cache
