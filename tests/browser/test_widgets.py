"""Native widgets on a Chinese page in an en-US browser (issue 12): the file input shows our words and
still opens by keyboard (docs/style-zh.md, "控件与空状态")."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import world
from tests.browser.conftest import STEP_TIMEOUT_MS


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_file_input_speaks_the_page_language_and_opens_by_keyboard(live_server, browser, tmp_path):
    world.build()  # the report form needs the district's categories and communities
    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    page.goto(f"{live_server.url}/casework/report/")
    assert page.inner_text("label[for=id_photo].file-button") == "选择文件"
    assert page.inner_text("#id_photo-chosen") == "未选择文件"
    assert page.get_by_label("照片").count() >= 1  # the input keeps its field label for screen readers
    photo = tmp_path / "路灯.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n")
    photo_input = page.locator("#id_photo")
    photo_input.focus()
    expect(photo_input).to_be_focused()  # the key goes to the file input, not wherever focus was
    with page.expect_file_chooser() as chooser:
        photo_input.press("Space")
    chooser.value.set_files(str(photo))
    assert page.inner_text("#id_photo-chosen") == "路灯.png"
    context.close()
