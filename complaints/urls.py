from django.urls import path

from complaints import views

app_name = "complaints"

urlpatterns = [
    path("", views.registrations, name="registrations"),
    path("<int:pk>/", views.registration, name="registration"),
    path("<int:pk>/klacht/", views.record, name="record"),
    path("<int:pk>/schorsen/", views.suspend, name="suspend"),
    path("<int:pk>/opheffen/", views.lift, name="lift"),
    path("<int:pk>/doorhalen/", views.strike_off, name="strike_off"),
    path("klacht/<int:pk>/", views.complaint, name="complaint"),
    path("klacht/<int:pk>/in-behandeling/", views.start_handling, name="start_handling"),
    path("klacht/<int:pk>/afhandelen/", views.close, name="close"),
]
