"""The API documentation works offline: Swagger UI comes from our static files, not a CDN."""

import pytest


@pytest.mark.django_db
def test_api_docs_use_local_assets(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
