"""Shows what the safety net's cue phrases make of some messages, without a model.

    python tools/try_cues.py "he keeps asking me for nudes" "im dying of boredom"
    python tools/try_cues.py < messages.txt      (one message a line)

Prints each message's category, or "-" when no cue matches. For maintainers editing
content/patterns/safety_net.yml (set SAFECHAT_SAFETY_NET to try another file).
"""
import sys

from safechat.nlu.safety_net import SafetyNet


def main(messages):
    net = SafetyNet(SafetyNet.get_default_config())
    for text in messages:
        print(f"{net.cue_category(text) or '-':24} {text}")


if __name__ == "__main__":
    main(sys.argv[1:] or [line.strip() for line in sys.stdin if line.strip()])
