"""A third-party indicator: its status is whatever HELLO.txt in the checked tree says.

``online`` stands for a check that needs the network: it passes, except under --offline.
"""

from dpgcheck.api import Context, Evidence, Indicator, Result, Status, network_unavailable


class HelloFile(Indicator):
    number = ""
    id = "hello-file"
    title = "Hello file says its status"
    url = "https://example.org/hello"

    def check(self, ctx: Context) -> Result:
        path = ctx.view.lookup("hello.txt")
        if path is None:
            return Result(Status.NEEDS_DECLARATION, "no HELLO.txt",
                          remediation=["Add HELLO.txt naming a status."])
        text = (ctx.view.read_text(path) or "").strip()
        if text == "online":
            blocked = network_unavailable(ctx, "example.org")
            return blocked or Result(Status.PASS, "example.org would have been asked")
        try:
            status = Status(text)
        except ValueError:
            return Result(Status.ERROR, f"HELLO.txt says {text!r}, not a status")
        return Result(status, f"HELLO.txt says {status.value}",
                      evidence=[Evidence("status word", path=path, line=1)],
                      remediation=["Change HELLO.txt."] if status is not Status.PASS else [])
