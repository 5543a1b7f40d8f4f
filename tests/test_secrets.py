"""`jr.secrets`: `.streamlit/secrets.toml` next to the notebook and in ~/.streamlit, with
Streamlit's access rules and errors. A real kernel started in a notebook folder, with its
own home folder; the rules themselves are checked in this process too."""

from __future__ import annotations

import os
import textwrap

import pytest
from conftest import Cell

from jupyter_rerun.secrets_file import AttrDict, SecretNotFoundError, Secrets
from jupyter_rerun.testing import KernelDriver

# Streamlit's documentation example (st.secrets), unchanged
DOCS_TOML = '''
db_username = "Jane"
db_password = "mypassword"

[my_cool_secrets]
things_i_like = ["Streamlit", "Python"]
'''
DOCS_APP = '''
import streamlit as st

# Everything is accessible via the st.secrets dict:

st.write("DB username:", st.secrets["db_username"])
st.write("DB password:", st.secrets["db_password"])
st.write("My cool secrets:", st.secrets["my_cool_secrets"]["things_i_like"])

# And the root-level secrets are also accessible as environment variables:

import os

st.write(
    "Has environment variables been set:",
    os.environ["db_username"] == st.secrets["db_username"],
)
'''


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))


@pytest.fixture
def folders(tmp_path, monkeypatch):
    """A notebook folder (the working folder) and a home folder, both empty."""
    notebook, home = tmp_path / "notebook", tmp_path / "home"
    notebook.mkdir()
    home.mkdir()
    monkeypatch.chdir(notebook)
    monkeypatch.setenv("HOME", str(home))
    yield notebook, home


def test_streamlits_example_runs_unchanged_in_a_rerun_cell(tmp_path):
    notebook, home = tmp_path / "notebook", tmp_path / "home"
    write(notebook / ".streamlit" / "secrets.toml", DOCS_TOML)
    home.mkdir()
    with KernelDriver(cwd=str(notebook), env={"HOME": str(home)}) as kernel:
        kernel.execute("%load_ext jupyter_rerun")
        text = Cell(kernel, DOCS_APP).text()
    for shown in ("DB username:", "Jane", "mypassword", "Streamlit", "Python",
                  "Has environment variables been set:", "True"):
        assert shown in text, shown
    assert "Error" not in text


def test_the_project_file_wins_per_top_level_key(folders):
    notebook, home = folders
    write(home / ".streamlit" / "secrets.toml", """
        token = "from home"
        only_home = 1
        [db]
        user = "home user"
        port = 5432
    """)
    write(notebook / ".streamlit" / "secrets.toml", """
        token = "from the notebook"
        [db]
        user = "notebook user"
    """)
    secrets = Secrets()
    assert secrets["token"] == "from the notebook" and secrets.only_home == 1
    assert secrets.db.user == "notebook user"
    assert "port" not in secrets.db  # a section is replaced whole, as Streamlit merges
    assert secrets.to_dict() == {"token": "from the notebook", "only_home": 1,
                                 "db": {"user": "notebook user"}}
    assert isinstance(secrets.db, AttrDict) and secrets.db.to_dict() == {"user": "notebook user"}


def test_missing_keys_and_attributes_raise_streamlits_errors(folders):
    notebook, _ = folders
    write(notebook / ".streamlit" / "secrets.toml", "[db]\nuser = 'u'\n")
    secrets = Secrets()
    with pytest.raises(KeyError) as missing_key:
        secrets["password"]
    with pytest.raises(AttributeError) as missing_attribute:
        secrets.password
    with pytest.raises(KeyError) as missing_nested:
        secrets.db["password"]
    assert missing_key.value.args[0].startswith('st.secrets has no key "password". ')
    assert str(missing_attribute.value).startswith('st.secrets has no attribute "password". ')
    assert missing_nested.value.args[0].startswith('st.secrets has no key "password". ')
    assert secrets.get("password", "fallback") == "fallback" and "db" in secrets


def test_the_messages_begin_as_streamlits_own(folders):
    import streamlit.runtime.secrets as streamlit_secrets
    notebook, _ = folders
    write(notebook / ".streamlit" / "secrets.toml", "a = 1\n")
    with pytest.raises(KeyError) as ours:
        Secrets()["x"]
    theirs = streamlit_secrets._missing_key_error_message("x")
    assert ours.value.args[0].split(". ")[0] == theirs.split(". ")[0]


def test_no_file_is_a_file_not_found_error_naming_both_paths(folders):
    notebook, home = folders
    secrets = Secrets()
    with pytest.raises(SecretNotFoundError) as error:
        secrets["anything"]
    assert isinstance(error.value, FileNotFoundError)
    message = str(error.value)
    assert message.startswith("No secrets found. Valid paths for a secrets.toml file")
    assert str(home / ".streamlit" / "secrets.toml") in message
    assert str(notebook / ".streamlit" / "secrets.toml") in message
    with pytest.raises(AttributeError):  # attribute access: AttributeError, as Streamlit
        secrets.anything
    assert secrets.load_if_toml_exists() is False
    assert repr(secrets) == "<jupyter_rerun secrets: no secrets.toml>"


def test_a_file_that_is_not_toml_names_the_file(folders):
    notebook, _ = folders
    write(notebook / ".streamlit" / "secrets.toml", "this is = not = toml\n")
    with pytest.raises(SecretNotFoundError, match="Error parsing secrets file at .*secrets.toml"):
        Secrets()["x"]


def test_secrets_are_read_only(folders):
    notebook, _ = folders
    write(notebook / ".streamlit" / "secrets.toml", "a = 1\n[s]\nb = 2\n")
    secrets = Secrets()
    for attempt, message in [
        (lambda: secrets.__setitem__("a", 2), "item assignment"),
        (lambda: setattr(secrets, "a", 2), "attribute assignment"),
        (lambda: secrets.__delitem__("a"), "item deletion"),
        (lambda: secrets.s.__setitem__("b", 3), "item assignment"),
        (lambda: setattr(secrets.s, "b", 3), "attribute assignment"),
    ]:
        with pytest.raises(TypeError, match=f"Secrets does not support {message}"):
            attempt()
    assert secrets["a"] == 1


def test_an_edited_file_is_read_again_and_environment_variables_follow(folders):
    notebook, _ = folders
    path = notebook / ".streamlit" / "secrets.toml"
    write(path, "JR_TEST_TOKEN = 'one'\nJR_TEST_PORT = 80\nJR_TEST_FLAG = true\n")
    secrets = Secrets()
    try:
        assert secrets.JR_TEST_TOKEN == "one"
        assert os.environ["JR_TEST_TOKEN"] == "one" and os.environ["JR_TEST_PORT"] == "80"
        assert "JR_TEST_FLAG" not in os.environ  # booleans are not exported (Streamlit's rule)
        write(path, "JR_TEST_TOKEN = 'two, and longer'\n")
        assert secrets.JR_TEST_TOKEN == "two, and longer"
        assert os.environ["JR_TEST_TOKEN"] == "two, and longer"
        assert "JR_TEST_PORT" not in os.environ  # gone from the file, gone from the environment
    finally:
        for name in ("JR_TEST_TOKEN", "JR_TEST_PORT"):
            os.environ.pop(name, None)


def test_the_repr_shows_keys_never_values(folders):
    notebook, _ = folders
    write(notebook / ".streamlit" / "secrets.toml", "password = 'hunter2'\n[db]\nuser = 'me'\n")
    secrets = Secrets()
    assert repr(secrets) == "<jupyter_rerun secrets: password, db>"
    assert "me" not in repr(secrets.db) and "user" in repr(secrets.db)


def test_a_missing_secret_in_a_cell_shows_streamlits_message(tmp_path):
    notebook, home = tmp_path / "notebook", tmp_path / "home"
    write(notebook / ".streamlit" / "secrets.toml", "a = 1\n")
    home.mkdir()
    with KernelDriver(cwd=str(notebook), env={"HOME": str(home)}) as kernel:
        kernel.execute("%load_ext jupyter_rerun")
        text = Cell(kernel, "import streamlit as st\nst.write(st.secrets['api_key'])").text()
    assert 'KeyError: \'st.secrets has no key "api_key".' in text
