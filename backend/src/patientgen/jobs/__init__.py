"""Generation jobs: pipeline, runners, progress events, cancellation."""
