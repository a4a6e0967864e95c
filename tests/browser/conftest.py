"""A real `streamlit run` of the app and a headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from bench import local_server

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"


@contextmanager
def running_app(log_name: str = "streamlit.log"):
    """`streamlit run app.py` on a free loopback port; yields its base URL, stops it after."""
    port = local_server.free_port()
    worker = os.environ.get("PYTEST_XDIST_WORKER")  # parallel workers each start their own
    if worker:
        log_name = f"{worker}-{log_name}"
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / log_name, "w") as log:
        process = local_server.start("app.py", port, cwd=REPO, log=log)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while not local_server.answers(url):
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail(f"streamlit did not start; see test-artifacts/{log_name}")
                time.sleep(0.3)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=20)


@pytest.fixture(scope="session")
def server():
    """The app shared by most browser tests."""
    with running_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: run ./dev test, which installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=local_server.CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request) -> Page:
    """A fresh browser context per test; only loopback is reachable, as on a projector offline."""
    options = getattr(request, "param", {}) or {}
    context = browser.new_context(
        viewport={"width": options.get("width", 1440), "height": options.get("height", 1000)},
        color_scheme=options.get("scheme", "light"),
        device_scale_factor=1,
    )
    blocked: list[str] = []

    def offline(route):
        host = route.request.url.split("/")[2].split(":")[0]
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", offline)
    page = context.new_page()
    page.blocked_requests = blocked
    yield page
    context.close()
