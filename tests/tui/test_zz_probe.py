import time
from tests.tui.test_session import test_document_narrative_is_saved_and_previewed as t  # noqa
from tests.tui.test_session import on_disk  # noqa
from workshop.tui.screens import session as S
from workshop.tui.autosave import Autosaver

async def test_probe(app_factory, make_session, store, monkeypatch):
    t0 = time.monotonic()
    orig = S.SessionScreen.request_save
    def rs(self):
        print(round(time.monotonic()-t0, 2), "REQUEST", self.autosaver.generation, self.autosaver.saved_generation, self.session.document.aims)
        return orig(self)
    monkeypatch.setattr(S.SessionScreen, "request_save", rs)
    o2 = Autosaver.save_dump
    def sd(self, dump, gen):
        r = o2(self, dump, gen)
        print(round(time.monotonic()-t0, 2), "SAVED", gen, dump["document"]["aims"], r.skipped)
        return r
    monkeypatch.setattr(Autosaver, "save_dump", sd)
    o3 = S.SessionScreen.changed
    def ch(self, typing=False):
        print(round(time.monotonic()-t0, 2), "CHANGED", typing, self.session.document.aims)
        return o3(self, typing)
    monkeypatch.setattr(S.SessionScreen, "changed", ch)
    await t(app_factory, make_session, store)
