"""Finding 4: the person edit form masks the ID number and phone and offers a "replace" input."""

from django.urls import reverse

from jianfu.core.masking import mask_phone
from jianfu.core.models import AuditEvent
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.registry.models import Person


class EditFormMaskingTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.person = f.person(cls.community, name="王芳", phone="13912345678")

    def test_edit_form_shows_neither_full_id_nor_phone(self):
        html = (
            self.client_for(self.worker)
            .get(reverse("registry:person_edit", args=[self.person.pid]))
            .content.decode()
        )
        assert self.person.id_number not in html
        assert "13912345678" not in html
        assert mask_phone("13912345678") in html
        assert "更换联系电话" in html
        assert not AuditEvent.objects.filter(action="reveal").exists()

    def test_blank_replace_keeps_the_value_and_a_new_one_replaces_it(self):
        client = self.client_for(self.worker)
        url = reverse("registry:person_edit", args=[self.person.pid])
        client.post(url, {"note": "入户核实", "a_ethnicity": "汉族"})
        self.person.refresh_from_db()
        assert self.person.phone == "13912345678" and self.person.values.get("ethnicity") == "汉族"
        client.post(url, {"note": "电话回访", "a_phone": "13700001111"})
        assert Person.objects.get(pk=self.person.pk).phone == "13700001111"
