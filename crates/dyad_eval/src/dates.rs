//! Partial calendar dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) and the date criterion of EVENTS.md §4.

use dyad_core::Precision;

/// A date written at year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PartialDate {
    year: i64,
    month: Option<u32>,
    day: Option<u32>,
}

impl PartialDate {
    /// The precision the written form carries.
    fn shape(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible months and days.
pub(crate) fn parse_date(text: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let year_part = parts[0];
    if year_part.len() != 4 || !all_digits(year_part) || parts.len() > 3 {
        return None;
    }
    let year = year_part.parse::<i64>().ok()?;
    let month = match parts.get(1) {
        Some(m) => Some(parse_two_digits(m, 12)?),
        None => None,
    };
    let day = match (month, parts.get(2)) {
        (Some(m), Some(d)) => Some(parse_two_digits(d, days_in_month(year, m))?),
        _ => None,
    };
    Some(PartialDate { year, month, day })
}

fn parse_two_digits(text: &str, max: u32) -> Option<u32> {
    if text.len() != 2 || !all_digits(text) {
        return None;
    }
    let value = text.parse::<u32>().ok()?;
    (1..=max).contains(&value).then_some(value)
}

/// `str::parse` also accepts a leading '+', which no date shape allows.
fn all_digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`), so that ±1 day works across
/// month and year ends.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// EVENTS.md §4.3: two dates agree at the coarser of their precisions, a day-precision date may
/// be off by one day; both missing agree, one missing (or unreadable) disagrees.
pub(crate) fn dates_agree(
    gold: Option<&str>,
    gold_precision: Option<Precision>,
    system: Option<&str>,
    system_precision: Option<Precision>,
) -> bool {
    let (gold_text, system_text) = match (gold, system) {
        (None, None) => return true,
        (Some(g), Some(s)) => (g, s),
        _ => return false,
    };
    let (Some(gold_date), Some(system_date)) = (parse_date(gold_text), parse_date(system_text))
    else {
        return false;
    };
    // A declared precision finer than the written form cannot be honoured, so take the coarser.
    let effective = |date: PartialDate, declared: Option<Precision>| {
        declared.map_or(date.shape(), |p| p.max(date.shape()))
    };
    let precision =
        effective(gold_date, gold_precision).max(effective(system_date, system_precision));
    match precision {
        Precision::Year => gold_date.year == system_date.year,
        Precision::Month => {
            (gold_date.year, gold_date.month) == (system_date.year, system_date.month)
        }
        Precision::Day => {
            let days =
                |d: PartialDate| days_from_civil(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1));
            (days(gold_date) - days(system_date)).abs() <= 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_shapes_and_rejects_the_rest() {
        assert_eq!(parse_date("2023").map(|d| d.shape()), Some(Precision::Year));
        assert_eq!(
            parse_date("2023-04").map(|d| d.shape()),
            Some(Precision::Month)
        );
        assert_eq!(
            parse_date("2024-02-29").map(|d| d.shape()),
            Some(Precision::Day)
        );
        for bad in [
            "2023-02-29",
            "2023-13",
            "23-04-01",
            "2023-4-01",
            "2023-04-01-02",
            "soon",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn one_day_tolerance_crosses_year_ends() {
        assert!(dates_agree(
            Some("2022-12-31"),
            None,
            Some("2023-01-01"),
            None
        ));
        assert!(!dates_agree(
            Some("2022-12-31"),
            None,
            Some("2023-01-02"),
            None
        ));
        assert_eq!(days_from_civil(1970, 1, 1), 0);
    }
}
