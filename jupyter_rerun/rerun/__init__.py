"""The %%rerun engine: a bound cell (binding), when it runs (scheduler, host), what it
shows (render), and what it reruns on (triggers)."""
