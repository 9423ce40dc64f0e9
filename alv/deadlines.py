"""Submission deadlines: "N working days before the meeting, at HH:MM (Europe/Amsterdam)".

    deadline(meeting.starts_at, days=10, at=time(12, 0))   # an aware datetime

Working days are Monday to Friday that are no Dutch public holiday (the `holidays` library's
list for the Netherlands: New Year's Day, Good Friday, Easter Monday, King's Day, Liberation
Day in lustrum years, Ascension Day, Whit Monday, Christmas). The meeting's own day does not
count: "two working days before a Thursday meeting" is the Monday. The time of day is the wall
clock in Amsterdam on that day, whatever the offset from UTC is then (summer or winter time).
"""

import datetime
import functools
import zoneinfo

import holidays

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


@functools.lru_cache(maxsize=64)
def _public_holidays(year):
    return frozenset(holidays.NL(years=year))


def is_working_day(day):
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def working_days_before(day, days):
    """The date `days` working days before `day` (not counting `day` itself)."""
    while days > 0:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def deadline(meeting_start, days, at):
    """The aware datetime `days` working days before the meeting's day, at `at` in Amsterdam.
    `meeting_start` is an aware datetime (or a date); `at` a datetime.time."""
    if isinstance(meeting_start, datetime.datetime):
        meeting_day = meeting_start.astimezone(AMSTERDAM).date()
    else:
        meeting_day = meeting_start
    day = working_days_before(meeting_day, days)
    return datetime.datetime.combine(day, at, tzinfo=AMSTERDAM)
