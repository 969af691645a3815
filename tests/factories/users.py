import factory
from allauth.account.models import EmailAddress

from portal.enums import Role
from portal.models import User

TEST_PASSWORD = "test-wachtwoord-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.nl")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = "Test"
    role = Role.CANDIDATE
    is_staff = factory.LazyAttribute(lambda o: o.role == Role.OFFICE)

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or TEST_PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
