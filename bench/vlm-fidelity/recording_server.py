"""A stand-in OpenAI-compatible server on 127.0.0.1 that records what a MinerU client sends.

GET /v1/models lists one model; POST /v1/chat/completions answers from CANNED by the prompt text and records the
request with each image replaced by its decoded facts (PNG size, mode, sha256 of the RGB pixels), so requests can
be compared without comparing PNG encoders.
"""
import base64
import hashlib
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image

MODEL_ID = "opendatalab/MinerU2.5-Pro-2605-1.2B"

# One layout answer for every page (MinerU2.5's token format; coordinates 0-1000 of the page), chosen to reach
# each request shape: header/title/text/list_item -> "Text Recognition", table, equation (no rotate token ->
# angle null), an equation_block with two equations (the container is never sent), an image (not sent: image
# analysis off) with a caption inside it (deleted), a text inside the table (removed), a list container (never
# sent), a hairline text (aspect > 50 -> white padding), a tiny page number (< 28 px -> upscaled), and a text
# rotated right (crop rotated 90 degrees).
LAYOUT = "\n".join([
    "<|box_start|>100 040 900 070<|box_end|><|ref_start|>header<|ref_end|><|rotate_up|>",
    "<|box_start|>100 090 900 130<|box_end|><|ref_start|>title<|ref_end|><|rotate_up|>",
    "<|box_start|>100 140 900 300<|box_end|><|ref_start|>text<|ref_end|><|rotate_up|>",
    "<|box_start|>100 320 900 480<|box_end|><|ref_start|>table<|ref_end|><|rotate_up|>",
    "<|box_start|>150 340 400 380<|box_end|><|ref_start|>text<|ref_end|><|rotate_up|>",
    "<|box_start|>200 500 800 540<|box_end|><|ref_start|>equation<|ref_end|>",
    "<|box_start|>150 560 850 680<|box_end|><|ref_start|>equation_block<|ref_end|><|rotate_up|>",
    "<|box_start|>200 570 800 615<|box_end|><|ref_start|>equation<|ref_end|><|rotate_up|>",
    "<|box_start|>200 625 800 670<|box_end|><|ref_start|>equation<|ref_end|><|rotate_up|>",
    "<|box_start|>100 690 500 800<|box_end|><|ref_start|>image<|ref_end|><|rotate_up|>",
    "<|box_start|>120 780 480 798<|box_end|><|ref_start|>image_caption<|ref_end|><|rotate_up|>",
    "<|box_start|>520 690 900 800<|box_end|><|ref_start|>list<|ref_end|><|rotate_up|>",
    "<|box_start|>520 690 900 740<|box_end|><|ref_start|>list_item<|ref_end|><|rotate_up|>",
    "<|box_start|>100 820 900 822<|box_end|><|ref_start|>text<|ref_end|><|rotate_up|>",
    "<|box_start|>920 100 960 900<|box_end|><|ref_start|>aside_text<|ref_end|><|rotate_right|>",
    "<|box_start|>494 950 500 955<|box_end|><|ref_start|>page_number<|ref_end|><|rotate_up|>",
])

CANNED = {
    "\nLayout Detection:": LAYOUT,
    "\nTable Recognition:": "<fcel>Name<fcel>Value<nl><fcel>\\(x\\)<fcel>1<nl>",
    "\nFormula Recognition:": "\\[ x^{2} \\]",
    "\nText Recognition:": "Recorded text.",
}


def image_facts(url: str) -> dict:
    head, data = url.split(",", 1)
    raw = base64.b64decode(data)
    im = Image.open(io.BytesIO(raw))
    return {"data_url_prefix": head + ",", "format": im.format, "width": im.width, "height": im.height,
            "mode": im.mode, "rgb_sha256": hashlib.sha256(im.convert("RGB").tobytes()).hexdigest()}


def redact(body: dict) -> dict:
    body = json.loads(json.dumps(body))
    for message in body.get("messages", []):
        if isinstance(message.get("content"), list):
            for part in message["content"]:
                if part.get("type") == "image_url":
                    part["image_url"] = image_facts(part["image_url"]["url"])
    return body


class Recorder:
    def __init__(self):
        self.requests = []
        self.lock = threading.Lock()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, payload):
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                with recorder.lock:
                    recorder.requests.append({"method": "GET", "path": self.path})
                self._send({"object": "list", "data": [{"id": MODEL_ID, "object": "model"}]})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                prompt = body["messages"][-1]["content"][-1]["text"]
                answer = CANNED[prompt]
                with recorder.lock:
                    recorder.requests.append({"method": "POST", "path": self.path,
                                              "content_type": self.headers.get("Content-Type"),
                                              "body": redact(body), "canned_response": answer})
                self._send({"id": "rec", "object": "chat.completion", "model": body["model"],
                            "choices": [{"index": 0, "finish_reason": "stop",
                                         "message": {"role": "assistant", "content": answer}}]})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
