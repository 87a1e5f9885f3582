## The parity cases: every message is rendered by etiquette and by
## fluent.js in each locale of tests/parity.rs, and compared.

-brand = Tulip & Co
    .gender = feminine
plain = Hello from { -brand }
reference = { plain }, again
attribute = { plain }
    .title = A title with { $name }
term-attribute = { -brand.gender ->
    [feminine] she
   *[other] it
}

## Numbers
number-int = { $int }
number-big = { $big }
number-fraction = { $fraction }
number-small = { $small }
number-negative = { $negative }
number-zero = { $zero }
number-default = { NUMBER($fraction) }
number-min-fraction = { NUMBER($int, minimumFractionDigits: 2) }
number-max-fraction = { NUMBER($fraction, maximumFractionDigits: 1) }
number-max-fraction-zero = { NUMBER($fraction, maximumFractionDigits: 0) }
number-min-integer = { NUMBER($int, minimumIntegerDigits: 3) }
number-significant = { NUMBER($fraction, maximumSignificantDigits: 2) }
number-min-significant = { NUMBER($int, minimumSignificantDigits: 3) }
number-no-grouping = { NUMBER($big, useGrouping: false) }
number-grouping-string = { NUMBER($big, useGrouping: "false") }
number-grouping-min2 = { NUMBER($thousands, useGrouping: "min2") }
number-option-string = { NUMBER($int, minimumFractionDigits: "2") }
number-percent = { NUMBER($ratio, style: "percent") }
number-currency = { NUMBER($fraction, style: "currency", currency: "EUR") }
number-currency-code = { NUMBER($fraction, style: "currency", currency: "EUR", currencyDisplay: "code") }
number-impossible = { NUMBER($fraction, minimumFractionDigits: 3, maximumFractionDigits: 1) }
number-as-text = { NUMBER($numeric-text) }
number-literal = { NUMBER(1234.5) }
number-literal-plain = { 1234.5 }
number-thousands = { $thousands }

## Plurals
plural-one = { $one ->
    [one] one item
   *[other] { $one } items
}
plural-int = { $int ->
    [zero] zero
    [one] one
    [two] two
    [few] few
    [many] many
   *[other] other
}
plural-million = { $million ->
    [one] one
    [many] many
   *[other] other
}
plural-fraction = { $fraction ->
    [one] one
    [few] few
    [many] many
   *[other] other
}
plural-formatted = { NUMBER($one-point-two, maximumFractionDigits: 0) ->
    [one] one
   *[other] other
}
plural-exact = { $one-point-zero ->
    [1.0] exact
    [one] one
   *[other] other
}
plural-exact-fraction = { $two-point-five ->
    [2.5] exact
   *[other] other
}
plural-two = { $two ->
    [zero] zero
    [one] one
    [two] two
    [few] few
    [many] many
   *[other] other
}
plural-eleven = { $eleven ->
    [zero] zero
    [one] one
    [two] two
    [few] few
    [many] many
   *[other] other
}
plural-zero = { $zero ->
    [zero] zero
    [one] one
    [two] two
    [few] few
    [many] many
   *[other] other
}
plural-text = { $numeric-text ->
    [one] one
   *[other] other
}
select-text = { $name ->
    [Niels] Niels
   *[other] someone
}

## Dates
date-default = { $date }
date-time-default = { $datetime }
date-function = { DATETIME($date) }
date-short = { DATETIME($date, dateStyle: "short") }
date-medium = { DATETIME($date, dateStyle: "medium") }
date-long = { DATETIME($date, dateStyle: "long") }
date-full = { DATETIME($date, dateStyle: "full") }
time-short = { DATETIME($datetime, timeStyle: "short") }
time-medium = { DATETIME($datetime, timeStyle: "medium") }
date-time-styles = { DATETIME($datetime, dateStyle: "medium", timeStyle: "short") }
date-components = { DATETIME($date, year: "numeric", month: "long", day: "numeric") }
date-weekday = { DATETIME($date, weekday: "long") }
date-month-short = { DATETIME($date, month: "short") }
date-year-month = { DATETIME($date, year: "numeric", month: "long") }
date-two-digit = { DATETIME($date, year: "2-digit", month: "2-digit", day: "2-digit") }
time-components = { DATETIME($datetime, hour: "numeric", minute: "numeric") }
time-hour = { DATETIME($datetime, hour: "numeric") }
time-hour12 = { DATETIME($datetime, hour: "numeric", minute: "numeric", hour12: "false") }

## Text
text-plain = { $name }
text-literal = { "literal" }
text-unicode = { "\u00E9" }
text-mixed = Dear { $name }, your order { $order } of { $int } items
missing-variable = Hello { $nobody }
missing-message = Hello { nothing }
date-offset = { DATETIME($offset, dateStyle: "medium", timeStyle: "short") }
date-offset-default = { $offset }
date-time-long = { DATETIME($datetime, dateStyle: "long", timeStyle: "short") }
date-time-short = { DATETIME($datetime, dateStyle: "short", timeStyle: "medium") }
date-time-full = { DATETIME($datetime, dateStyle: "full", timeStyle: "short") }
time-long = { DATETIME($datetime, timeStyle: "long") }
time-seconds = { DATETIME($datetime, hour: "numeric", minute: "2-digit", second: "2-digit") }
date-month-day = { DATETIME($date, month: "long", day: "numeric") }
date-weekday-short = { DATETIME($date, weekday: "short", day: "numeric", month: "short") }
number-grouping-always = { NUMBER($thousands, useGrouping: "always") }
number-nan = { $nan }
number-infinity = { NUMBER($infinity) }
number-minus-infinity = { NUMBER($minus-infinity) }
number-minus-infinity-plain = { $minus-infinity }
number-nan-digits = { NUMBER($nan, minimumFractionDigits: 2) }
number-integer-edge = { NUMBER($int, minimumIntegerDigits: 21) }
number-fraction-edge = { NUMBER($fraction, maximumFractionDigits: 100.5) }
date-era = { DATETIME($date, era: "short") }
date-era-long = { DATETIME($date, era: "long") }
date-era-narrow = { DATETIME($date, era: "narrow") }
date-narrow = { DATETIME($date, weekday: "narrow", month: "narrow", day: "numeric") }
time-minute = { DATETIME($datetime, minute: "numeric") }
time-day-period = { DATETIME($datetime, hour: "numeric", dayPeriod: "short") }
time-day-period-long = { DATETIME($datetime, hour: "numeric", minute: "numeric", dayPeriod: "long") }
time-day-period-narrow = { DATETIME($datetime, hour: "2-digit", minute: "numeric", second: "numeric", dayPeriod: "narrow") }
time-day-period-alone = { DATETIME($datetime, dayPeriod: "long") }
time-day-period-noon = { DATETIME($noon, hour: "numeric", minute: "numeric", dayPeriod: "long") }
time-day-period-evening = { DATETIME($evening, hour: "numeric", dayPeriod: "short") }
time-day-period-24 = { DATETIME($datetime, hour: "numeric", hour12: "", dayPeriod: "short") }
time-fraction = { DATETIME($datetime, hour: "numeric", minute: "numeric", second: "numeric", fractionalSecondDigits: 2) }
time-zone-name = { DATETIME($datetime, hour: "numeric", minute: "numeric", timeZoneName: "short") }
time-hour12-true = { DATETIME($datetime, hour: "numeric", minute: "numeric", hour12: "true") }
date-milliseconds = { DATETIME($milliseconds) }
number-missing = { NUMBER($missing) }
number-missing-options = { NUMBER($missing, minimumFractionDigits: 2) }
datetime-missing = { DATETIME($missing) }
number-of-date = { NUMBER($date) }
datetime-of-text = { DATETIME($numeric-text) }
