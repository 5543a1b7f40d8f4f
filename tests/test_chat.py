"""jr.chat_input and jr.chat_message in a real kernel, both event modes: Streamlit's chat
tutorial (history in session_state, an echo bot, a streaming bot with write_stream), one
run per submit, the message returned once, on_submit first, key binding, files sent with
a message, avatars, and Streamlit's errors.

Runs are counted by the cell itself (it appends to a list in the kernel's namespace); a
submit is what static/chat.js sends: {event: "submit", text}."""

from __future__ import annotations

import pytest
from conftest import Cell, unique
from test_inputs_files import upload


def chat_model(kernel, container: str) -> str:
    (model,) = [m for m in kernel.find(container, "AnyModel")
                if kernel.models[m].get("_anywidget_id", "").endswith(".ChatInput")]
    return model


def send(kernel, cell: Cell, text: str) -> None:
    kernel.custom(chat_model(kernel, cell.container), {"event": "submit", "text": text})


def runs(kernel, name: str) -> int:
    kernel.sync()
    return kernel.value(f"len({name})")


def test_the_echo_bot_of_streamlits_tutorial(kernel):
    history, counter = unique("messages"), unique("chat_runs")
    kernel.execute(f"{counter} = []")
    cell = Cell(kernel, f"""
        {counter}.append(1)
        if '{history}' not in jr.session_state:
            jr.session_state['{history}'] = []
        for message in jr.session_state['{history}']:
            with jr.chat_message(message['role']):
                jr.markdown(message['content'])
        if prompt := jr.chat_input("What is up?"):
            jr.chat_message('user').markdown(prompt)
            jr.session_state['{history}'].append({{'role': 'user', 'content': prompt}})
            response = f'Echo: {{prompt}}'
            with jr.chat_message('assistant'):
                jr.markdown(response)
            jr.session_state['{history}'].append({{'role': 'assistant', 'content': response}})
        print('prompt', repr(prompt), 'messages', len(jr.session_state['{history}']))
    """)
    assert "prompt None messages 0" in cell.text() and runs(kernel, counter) == 1
    send(kernel, cell, "hello")
    cell.wait_for("prompt 'hello' messages 2")
    assert runs(kernel, counter) == 2  # one submit, one run
    assert "Echo: hello" in cell.text()
    send(kernel, cell, "again")
    cell.wait_for("prompt 'again' messages 4")
    assert runs(kernel, counter) == 3
    text = cell.text()
    assert text.index("hello") < text.index("Echo: hello") < text.index("again")
    assert len(kernel.find(cell.container, "HBoxModel")) >= 4  # four message rows


def test_a_message_is_returned_in_its_run_only(kernel):
    counter = unique("chat_runs")
    kernel.execute(f"{counter} = []")
    cell = Cell(kernel, f"""
        {counter}.append(1)
        said = jr.chat_input()
        again = jr.button('again')
        print('said', repr(said), 'run', len({counter}))
    """)
    assert "said None run 1" in cell.text()
    send(kernel, cell, "once")
    cell.wait_for("said 'once' run 2")
    (button,) = [m for m in kernel.find(cell.container, "ButtonModel")]
    kernel.click(button)
    cell.wait_for("said None run 3")  # another widget's run: no message
    send(kernel, cell, "")  # an empty submit sends nothing
    kernel.sync()
    assert runs(kernel, counter) == 3
    send(kernel, cell, "once")  # the same text again is a new message
    cell.wait_for("said 'once' run 4")


def test_on_submit_runs_first_and_the_key_holds_the_message(kernel):
    key = unique("prompt")
    cell = Cell(kernel, f"""
        def arrived(where):
            print('callback', where, repr(jr.session_state['{key}']))
        print('before', repr(jr.session_state.get('{key}')))
        value = jr.chat_input('Ask', key='{key}', on_submit=arrived, args=('first',))
        print('body', repr(value), repr(jr.session_state['{key}']))
    """)
    assert "body None None" in cell.text()
    send(kernel, cell, "hi there")
    text = cell.wait_for("body 'hi there' 'hi there'")
    assert text.index("callback first 'hi there'") < text.index("before 'hi there'")
    kernel.execute(cell.source, cell_id=cell.id)  # a run of its own: the key is None again
    cell.wait_for("body None None")


def test_session_state_puts_text_in_the_field_unsent(kernel):
    key = unique("draft")
    cell = Cell(kernel, f"""
        if jr.button('suggest'):
            jr.session_state['{key}'] = 'What is a fragment?'
        value = jr.chat_input(key='{key}')
        print('value', repr(value))
    """)
    model = chat_model(kernel, cell.container)
    (button,) = kernel.find(cell.container, "ButtonModel")
    kernel.click(button)
    cell.wait_for("value None")
    kernel.wait_until(lambda: kernel.models[model]["draft"][1] == "What is a fragment?")
    assert kernel.value(f"jr.session_state['{key}']") is None  # not sent until submitted
    send(kernel, cell, "What is a fragment?")
    cell.wait_for("value 'What is a fragment?'")


def test_the_streaming_bot_grows_one_message_in_place(kernel):
    counter = unique("chat_runs")
    kernel.execute(f"{counter} = []")
    cell = Cell(kernel, f"""
        import time
        {counter}.append(1)
        def reply(prompt):
            for word in f'You said {{prompt}} and that is all'.split() * 5:
                yield word + ' '
                time.sleep(0.02)
        if prompt := jr.chat_input('Say something'):
            with jr.chat_message('user'):
                jr.write(prompt)
            with jr.chat_message('assistant'):
                answer = jr.write_stream(reply(prompt))
            print('answer ends well', answer.endswith('that is all '))
    """)
    since = len(kernel.log)
    send(kernel, cell, "hello")
    cell.wait_for("answer ends well True")
    assert runs(kernel, counter) == 2
    whole = " ".join(["You said hello and that is all"] * 5)
    assert cell.text().count(whole) == 1 and cell.text().count("You said") == 5  # one text
    opened = kernel.messages_since(since, "comm_open")
    assert len(opened) < 35  # the two messages' models, not one per word of 35
    growing = [m for m in kernel.messages_since(since, "comm_msg")
               if "You said" in str(m["content"]["data"].get("state", {}).get("value", ""))]
    assert len({m["content"]["comm_id"] for m in growing}) == 1 and len(growing) >= 3  # in place


def test_a_message_with_files(kernel):
    cell = Cell(kernel, """
        sent = jr.chat_input('Attach', accept_file='multiple', file_type=['txt'])
        if sent:
            print('text', repr(sent.text), 'files', [(f.name, f.read()) for f in sent['files']],
                  sorted(sent))
    """)
    model = chat_model(kernel, cell.container)
    assert upload(kernel, model, "notes.txt", b"hello", "text/plain")["event"] == "done"
    assert upload(kernel, model, "photo.png", b"png", "image/png")["event"] == "refused"
    kernel.wait_until(lambda: len(kernel.models[model]["files"]) == 1)
    send(kernel, cell, "see this")
    cell.wait_for("text 'see this' files [('notes.txt', b'hello')] ['files', 'text']")
    kernel.wait_until(lambda: kernel.models[model]["files"] == [])  # sent with the message


def test_avatars_and_message_blocks(kernel):
    cell = Cell(kernel, """
        with jr.chat_message('user'):
            jr.write('from the person')
        bot = jr.chat_message('ai')
        bot.write('from the bot')
        jr.chat_message('Zoe').write('a letter')
        jr.chat_message('x', avatar='🦖').write('an emoji')
        jr.chat_message('y', avatar=':material/star:').write('an icon')
        jr.chat_message('z', avatar='<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>',
                        width=300).write('an image')
    """)
    kernel.sync()
    avatars = [kernel.models[m]["value"] for m in kernel.find(cell.container, "HTMLModel")
               if "jr-chat-avatar" in kernel.models[m].get("_dom_classes", ())]
    assert len(avatars) == 6
    assert "jr-avatar-user" in avatars[0] and "jr-icon" in avatars[0]
    assert "jr-avatar-assistant" in avatars[1]
    assert ">Z<" in avatars[2] and "🦖" in avatars[3] and "jr-icon" in avatars[4]
    assert "data:image/svg+xml" in avatars[5] and "<img" in avatars[5]
    text = cell.text()
    for words in ("from the person", "from the bot", "a letter", "an emoji", "an image"):
        assert words in text


def test_a_cells_chat_input_is_pinned_to_its_bottom_a_containers_stays(kernel):
    cell = Cell(kernel, """
        jr.chat_input('bottom')
        with jr.container():
            jr.chat_input('inline')
    """)
    kernel.sync()
    (bottom,) = [m for m in kernel.find(cell.container, "AnyModel")
                 if kernel.models[m].get("placeholder") == "bottom"]
    (inline,) = [m for m in kernel.find(cell.container, "AnyModel")
                 if kernel.models[m].get("placeholder") == "inline"]
    assert "jr-chat-bottom" in kernel.models[bottom]["_dom_classes"]
    assert "jr-chat-bottom" not in kernel.models[inline]["_dom_classes"]


@pytest.mark.parametrize("call, message", [
    ("jr.chat_input(max_chars=0)", "max_chars must be a positive integer or None"),
    ("jr.chat_input(accept_file='yes')", "accept_file must be True, False, 'multiple' or 'directory'"),
    ("jr.chat_input(submit_mode='wait')", "submit_mode must be 'submit', 'disable' or 'stop'"),
    ("jr.chat_input(max_upload_size=0)", "max_upload_size must be a positive integer"),
    ("jr.chat_input(audio_sample_rate=1)", "audio_sample_rate must be one of"),
    ("jr.chat_input(accept_audio=True)", "accept_audio=True is not available here"),
    ("jr.chat_input(on_submit='rerun')", "on_submit must be a function"),
    ("jr.chat_input(width='content')", "width must be 'stretch' or a positive number"),
    ("jr.chat_input(height=-1)", "height must be 'content', 'stretch' or a positive number"),
    ("with jr.form('f'):\n    jr.chat_input()", "jr.chat_input() can't be used in a jr.form()"),
    ("jr.chat_message(None)", "name must be a string"),
    ("jr.chat_message('x', avatar=':material/no_such_icon:')", "is not a Material Symbol"),
    ("jr.chat_message('x', avatar=42)", "Failed to load the provided avatar value as an image"),
    ("jr.chat_message('x', width='wide')", "width must be 'stretch', 'content'"),
])
def test_bad_arguments_get_one_line_errors(kernel, call, message):
    cell = Cell(kernel, call)
    kernel.sync()
    text = cell.text()
    assert message in text, text


def test_a_message_written_on_the_cells_last_line_shows_only_the_message(kernel):
    cell = Cell(kernel, """
        import streamlit as st
        st.chat_message("assistant").write("last words")
    """)
    kernel.sync()
    assert "last words" in cell.text()
    assert "Handle" not in cell.text()  # the write's return value is not shown under it


def test_a_disabled_chat_input_takes_no_message(kernel):
    counter = unique("chat_runs")
    kernel.execute(f"{counter} = []")
    cell = Cell(kernel, f"""
        {counter}.append(1)
        print('got', repr(jr.chat_input('Closed', disabled=True, max_chars=5)))
    """)
    send(kernel, cell, "ignored")
    kernel.sync()
    assert runs(kernel, counter) == 1 and "got None" in cell.text()
    model = chat_model(kernel, cell.container)
    assert kernel.models[model]["max_chars"] == 5 and kernel.models[model]["disabled"] is True


def test_a_message_longer_than_max_chars_is_cut(kernel):
    cell = Cell(kernel, "print('got', repr(jr.chat_input('Short', max_chars=5)))")
    send(kernel, cell, "much too long")  # the browser's field stops at 5; a forged message too
    cell.wait_for("got 'much '")
