"""What a cached function drew in a %%rerun run, so that every hit draws it again.

Streamlit replays the `st.*` calls a cached function made; so do we. While a miss computes
inside a run, a `Recording` notes, in order, the identities the function claims (widgets,
layout), the frames it makes (columns, tabs, containers) and each element it adds. A hit
replays that into the run that hit:

* outputs (`jr.markdown`, `jr.write`, `jr.text`, ...) as they were, each in the frame it
  went to: the frame the call was made from stands for the frame the caller is in now (so
  a hit inside `with col:` draws in `col`); a frame the function made is made again around
  the same box; any other frame (a container the function was given) is found in the run
  by its box, else the caller's frame takes it;
* widgets and layout boxes by claiming their identities again and placing the same models,
  so they keep their state and are not swept away. A widget in a cached function warns
  (`CachedWidgetWarning`): its changes cannot reach a function that only runs on a miss.

If a box the recording placed is gone (swept by a run that did not draw it), the replay
cannot draw it and the hit becomes a miss. Prints are not replayed (neither are they in
Streamlit): a cached function's prints happen when it runs.
"""

from __future__ import annotations

from typing import Any

from ..capture import OutputBuffer
from ..ui.element import shown_again
from ..rerun.frames import Frame

ORIGIN = 0  # the index of the caller's frame; frames the function made follow
_LATER = float("inf")  # a remade placeholder shows its final state only


class Recording:
    """What one miss draws, noted by the run while it computes (RunContext.recordings)."""

    def __init__(self, run: Any) -> None:
        self.run = run
        self.steps: list[tuple] = []
        self.widgets: list[str] = []  # the widget functions it called, for the warning
        self._frames = {id(run.frame): ORIGIN}  # frames of this run -> index in the replay
        self._identity: Any = None  # the last identity claimed: the box placed next is its own
        run.recordings.append(self)

    def claimed(self, kind: str, label: str, key: str | None, identity: Any) -> None:
        self.steps.append(("claim", kind, label, key, identity))
        self._identity = identity

    def touched(self, frame: Frame) -> None:
        self._frames[id(frame)] = len(self._frames)
        self.steps.append(("frame", frame.view, frame.live))

    def added(self, frame: Frame, element: Any) -> None:
        where = self._frames.get(id(frame), frame.view)
        if element is None:
            self.steps.append(("clear", where))
        elif isinstance(element, OutputBuffer):
            self.steps.append(("output", where, element.snapshot()))
        else:  # with the props an element drew it with (a later run may change them)
            props = getattr(self.run.registry.items.get(self._identity), "props", None)
            self.steps.append(("model", where, element, self._identity,
                               None if props is None else dict(props)))

    def stop(self) -> None:
        if self in self.run.recordings:
            self.run.recordings.remove(self)

    def replay(self) -> Replay | None:
        """What to draw on a hit, or None if the function drew nothing."""
        return Replay(tuple(self.steps)) if self.steps else None


class Replay:
    """The steps of a Recording, drawn again into another run."""

    def __init__(self, steps: tuple[tuple, ...]) -> None:
        self.steps = steps

    def draw(self, run: Any) -> bool:
        """Draw into `run`; False (drawing nothing) if a box it placed is gone."""
        if not all(_present(run, step[2], step[3]) for step in self.steps if step[0] == "model"):
            return False
        frames = [run.frame]
        for step in self.steps:
            kind = step[0]
            if kind == "claim":
                _, function, label, key, identity = step
                run.claim(function, label, key)  # counts it, as a live call would
                run.used.add(identity)  # the box it names stays
                if key is not None:
                    run.locked_keys.add(key)
            elif kind == "frame":
                frames.append(run.touch(Frame(step[1], live_from=_LATER if step[2] else None)))
            else:
                where = step[1]
                target = frames[where] if isinstance(where, int) else run.frame_for(where)
                if kind == "clear":
                    target.clear()
                elif kind == "output":
                    target.add(_buffer(step[2]))
                else:
                    target.add(step[2])
                    shown_again(run, run.registry.items.get(step[3]), step[4])
        return True


def _present(run: Any, model: Any, identity: Any) -> bool:
    """Whether `model` is still the box the run's registry keeps under `identity`."""
    item = run.registry.items.get(identity)
    return item is not None and any(model is getattr(item, part, None)
                                    for part in ("view", "widget", "box"))


def _buffer(outputs: tuple[dict, ...]) -> OutputBuffer:
    buffer = OutputBuffer()
    buffer.outputs = [dict(output) for output in outputs]
    return buffer
