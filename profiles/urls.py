from django.urls import path

from profiles import views

app_name = "profiles"

urlpatterns = [
    path("", views.framework_current, name="framework_current"),
    path("<slug:slug>/v<int:number>/", views.framework_detail, name="framework_detail"),
    path("profielen/", views.profile_list, name="profile_list"),
    path("profielen/<slug:slug>/", views.profile_detail, name="profile_detail"),
]
