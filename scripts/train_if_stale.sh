#!/usr/bin/env bash
# Trains a model only when something it is built from is newer than the newest model.
set -euo pipefail
# What training reads: the training data, domain, pipeline config, the project's spaCy
# pipeline, the code of custom NLU components and the words emoji are read as. (The safety
# net's cue file is read when the servers start, so editing it needs a restart, not training.)
inputs=(data domain.yml config.yml spacy_pipeline safechat/nlu content/words)

newest=$(ls -t models/*.tar.gz 2>/dev/null | head -n 1 || true)
if [ -n "$newest" ]; then
  changed=$(find "${inputs[@]}" -newer "$newest" -type f | head -n 5)
  if [ -z "$changed" ]; then
    echo "Model $newest is up to date: not training."
    exit 0
  fi
  echo "Retraining: changed since $newest:"; echo "$changed" | sed 's/^/  /'
else
  echo "No model yet: training (about 11 minutes on 2 cores)."
fi
start=$(date +%s)
rasa train --fixed-model-name "safechat-$(date +%Y%m%d-%H%M%S)" --quiet
echo "Trained in $(( $(date +%s) - start )) s."
