from tests.tui.test_session_open import *  # noqa
from workshop.tui.screens import session as S

async def test_probe(app_factory, make_session, store, monkeypatch):
    orig = S.SessionScreen.apply_field
    def apply_field(self, target, value):
        print("APPLY", target, repr(value))
        return orig(self, target, value)
    monkeypatch.setattr(S.SessionScreen, "apply_field", apply_field)
    group, session = make_session(participants=["Ana"], fill=filled)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        for step in ("consult", "structure", "document", "around", "research"):
            await app.run_action(f"step('{step}')", screen)
            await pilot.pause()
        await pilot.pause(0.3)
        await pilot.press("q")
    assert False
