"""Runs the seed's aiohttp server (app.py: the blog post's code, copied byte for byte) on 127.0.0.1.

app.py binds 0.0.0.0:5000 in its __main__ block; importing it builds the same application without running
that block, and this runner serves it on the loopback address and the port given.

    /usr/bin/python3 bench/seed/serve.py 8081
"""
import os
import sys

from aiohttp import web

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import app as seed  # noqa: E402  (the seed's module-level code sets up the routes and CORS)

if __name__ == "__main__":
    web.run_app(seed.app, host="127.0.0.1", port=int(sys.argv[1]))
