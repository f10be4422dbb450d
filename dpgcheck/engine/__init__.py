"""The engine: the indicator contract, the context, the runner, plugin loading, reports."""
