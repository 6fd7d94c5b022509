import datetime as dt
from unittest import mock

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from jianfu.core.testing import PersonaTestCase
from jianfu.notify import services
from jianfu.notify.choices import ChannelKind, DeliveryStatus, MessageState
from jianfu.notify.hours import next_working_moment
from jianfu.notify.models import Delivery, Message
from jianfu.notify.services import Recipient, message_queue
from jianfu.notify.sms import MemoryBackend

SMS = "jianfu.notify.sms.MemoryBackend"


@override_settings(
    JIANFU_SMS_BACKEND=SMS, MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
)
class DeliveryTests(PersonaTestCase):
    def setUp(self):
        MemoryBackend.outbox = []
        MemoryBackend.fail_for = set()

    def send(self, *recipients, emergency=False):
        with self.captureOnCommitCallbacks(execute=True):
            return message_queue(
                template="request.accepted",
                context={"number": "JF1", "category": "路灯损坏"},
                recipients=list(recipients),
                emergency=emergency,
                community=self.community,
                district=self.district,
            )

    def test_two_destinations_one_failed_is_never_sent(self):
        MemoryBackend.fail_for = {"13800000002"}
        msg = self.send(Recipient(ChannelKind.SMS, "13800000001"), Recipient(ChannelKind.SMS, "13800000002"))
        statuses = sorted(msg.deliveries.values_list("status", flat=True))
        assert statuses == [DeliveryStatus.QUEUED, DeliveryStatus.SENT]
        assert msg.state == MessageState.QUEUED  # retrying, not "sent"
        failing = msg.deliveries.get(destination="13800000002")
        assert failing.attempts == 1 and failing.next_attempt_at > timezone.now()
        later = timezone.now()
        for minutes in services.BACKOFF_MINUTES:
            later += dt.timedelta(minutes=minutes + 1)
            services.deliveries_due_run(now=later)
        failing.refresh_from_db()
        assert failing.status == DeliveryStatus.FAILED and failing.attempts == services.MAX_ATTEMPTS
        assert msg.state == MessageState.PARTIAL

    def test_retry_with_back_off_then_success(self):
        MemoryBackend.fail_for = {"13800000003"}
        msg = self.send(Recipient(ChannelKind.SMS, "13800000003"))
        d = msg.deliveries.get()
        assert services.deliveries_due_run(now=timezone.now())["attempted"] == 0  # not due yet
        MemoryBackend.fail_for = set()
        services.deliveries_due_run(now=timezone.now() + dt.timedelta(minutes=2))
        d.refresh_from_db()
        assert d.status == DeliveryStatus.SENT and d.attempts == 2
        assert "JF1" in MemoryBackend.outbox[-1]["text"]

    def test_email_channel_and_template(self):
        from django.core import mail

        self.send(Recipient(ChannelKind.EMAIL, "a@example.cn"))
        assert mail.outbox[-1].subject == "诉求已受理" and "JF1（路灯损坏）" in mail.outbox[-1].body

    def test_email_uses_mailers_without_deprecation_warnings(self):
        """Django 6.1 MAILERS: the channel sends through mailers["default"], no RemovedInDjango2028Warning."""
        import warnings

        from django.conf import settings
        from django.core import mail

        assert "default" in settings.MAILERS
        assert not settings.is_overridden("EMAIL_BACKEND")  # type: ignore[misc]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self.send(Recipient(ChannelKind.EMAIL, "b@example.cn"))
        assert mail.outbox[-1].to == ["b@example.cn"]
        deprecations = [w for w in caught if "Django2028" in type(w.message).__name__]
        assert deprecations == [], [str(w.message) for w in deprecations]

    def test_staff_deferred_outside_working_hours_except_emergency(self):
        night = timezone.make_aware(dt.datetime(2026, 12, 4, 22, 0))  # a Friday night
        with mock.patch("django.utils.timezone.now", return_value=night):
            msg = self.send(Recipient(ChannelKind.EMAIL, "staff@example.cn", staff=True))
            urgent = self.send(Recipient(ChannelKind.EMAIL, "staff@example.cn", staff=True), emergency=True)
        d = msg.deliveries.get()
        assert d.status == DeliveryStatus.QUEUED and d.next_attempt_at == timezone.make_aware(
            dt.datetime(2026, 12, 7, 9)
        )
        assert urgent.deliveries.get().status == DeliveryStatus.SENT
        assert next_working_moment(timezone.make_aware(dt.datetime(2026, 12, 7, 10))) == timezone.make_aware(
            dt.datetime(2026, 12, 7, 10)
        )

    def test_unknown_placeholder_refused(self):
        with self.assertRaises(services.NotifyError):
            services.template_set(actor=self.admin, code="request.accepted", subject="x", body="{phone}")

    def test_outbox_page_scoped_and_masked(self):
        self.send(Recipient(ChannelKind.SMS, "13800000009"))
        url = reverse("notify:outbox")
        assert self.client_for(None).get(url).status_code == 302
        assert "JF1" not in self.client_for(self.far_worker).get(url).content.decode()
        body = self.client_for(self.worker).get(url).content.decode()
        assert "JF1" in body and "138****0009" in body and "13800000009" not in body
        assert Message.objects.count() == 1 and Delivery.objects.count() == 1
