"""Makes mineru-vl-utils importable with Debian 12's packages (no PyPI).

Debian ships pydantic 1.10 and no httpx-retries. Two shims, nothing else of VLU is touched:
- pydantic: VLU's otsl2html.py imports `computed_field` and `model_validator` (pydantic 2 names). Its models are
  only built from keyword arguments, so on pydantic 1 `computed_field` is the plain property it decorates and
  `model_validator` (a dict-input hook VLU never reaches) is a no-op decorator.
- httpx_retries: VLU's http_client wraps its transport in `RetryTransport(retry=Retry(...))`. The shim passes
  requests straight to the wrapped transport (no retries): the recording server always answers 200.

VLU's source is found in $VLU_DIR (an extracted checkout, see README.md), pinned to abb57de (1.2.1).
"""
import os
import sys
import types

VLU_DIR = os.environ.get("VLU_DIR", "/tmp/vlu")


def install() -> None:
    import pydantic

    if not hasattr(pydantic, "computed_field"):
        pydantic.computed_field = lambda f: f
        pydantic.model_validator = lambda **_: (lambda f: f)

    if "httpx_retries" not in sys.modules:
        import httpx

        shim = types.ModuleType("httpx_retries")

        class Retry:  # noqa: D401 - records the settings only
            def __init__(self, *args, **kwargs):
                self.args, self.kwargs = args, kwargs

        class RetryTransport(httpx.AsyncBaseTransport, httpx.BaseTransport):
            def __init__(self, transport=None, retry=None, **_):
                self._transport = transport

            def handle_request(self, request):
                return self._transport.handle_request(request)

            async def handle_async_request(self, request):
                return await self._transport.handle_async_request(request)

            def close(self):
                self._transport.close()

            async def aclose(self):
                await self._transport.aclose()

        shim.Retry, shim.RetryTransport = Retry, RetryTransport
        sys.modules["httpx_retries"] = shim

    if VLU_DIR not in sys.path:
        sys.path.insert(0, VLU_DIR)
