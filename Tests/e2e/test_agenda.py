"""Issue #13, « Done when », in headless Chromium with axe-core on every page: the agenda page
filters by delegation through its form, switches to the month view (a real table, reachable
without a mouse), and the feed link downloads a valid .ics (fetched and parsed with icalendar)."""
import urllib.request

from icalendar import Calendar
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def test_agenda_filters_month_and_feed(site):
    site.visit("/agenda")
    assert site.h1() == "Événements à venir"
    items = site.d.find_elements(By.CSS_SELECTOR, "#agenda-list .agenda-item")
    assert len(items) > 20, "the demo's coming events are listed"
    scopes = {i.find_element(By.CSS_SELECTOR, ".agenda-meta").text for i in items}
    assert any("Pays de la Loire" not in s for s in scopes)

    # Filter by delegation through the form (keyboard: the select, then the button).
    Select(site.d.find_element(By.ID, "delegation")).select_by_visible_text("Pays de la Loire")
    site.d.find_element(By.ID, "agenda-submit").click()
    site.wait(lambda d: "delegation=pdl" in d.current_url)
    site.check_a11y()
    filtered = site.d.find_elements(By.CSS_SELECTOR, "#agenda-list .agenda-item")
    assert filtered, "the PDL delegation has coming events"
    for item in filtered:
        assert "Pays de la Loire" in item.find_element(By.CSS_SELECTOR, ".agenda-meta").text

    # The month view keeps the filter: a table with a caption and column headers.
    site.d.find_element(By.ID, "agenda-view-month").click()
    site.wait(lambda d: "vue=mois" in d.current_url)
    site.check_a11y()
    table = site.d.find_element(By.ID, "agenda-month")
    assert table.find_element(By.TAG_NAME, "caption").text.startswith("Agenda de ")
    assert len(table.find_elements(By.CSS_SELECTOR, "thead th[scope='col']")) == 7
    assert "delegation=pdl" in site.d.current_url
    site.d.find_element(By.ID, "agenda-next").click()
    site.wait(lambda d: "mois=" in d.current_url)
    site.check_a11y()

    # The subscriptions page and its network feed: a valid calendar.
    site.visit("/agenda")
    site.d.find_element(By.ID, "agenda-feeds").click()
    site.wait(lambda d: d.current_url.endswith("/agenda/abonnements"))
    site.check_a11y()
    href = site.d.find_element(By.ID, "feed-network").get_attribute("href")
    with urllib.request.urlopen(href, timeout=30) as res:
        assert res.headers["Content-Type"] == "text/calendar; charset=utf-8"
        body = res.read()
    cal = Calendar.from_ical(body)
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) > 30
    assert all(str(e["UID"]) for e in events)
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"
