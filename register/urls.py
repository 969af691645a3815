from django.urls import path

from register import certificate_views, views

app_name = "register"

urlpatterns = [
    path("register/", views.search, name="search"),
    path("register/<str:number>/", views.detail, name="detail"),
    path("verifieer/<str:number>/", views.verify, name="verify"),
    path("mijn-registratie/", views.mine, name="mine"),
    path("certificaat/<str:number>/", certificate_views.download, name="certificate"),
    path("mijn-registratie/hercertificering/", views.recertify, name="recertify"),
]
