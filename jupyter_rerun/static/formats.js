// Formatting shared by our input models (prepended to step_slider.js and number_box.js by
// jupyter_rerun/widgets/inputs.py): printf-style numbers as Streamlit's sprintf.js takes
// them ("%d", "%0.2f", "%,d", "%.1f%%", "%5.1f km"), its named number formats ("percent",
// "dollar", ...), and moment.js-style dates ("YYYY-MM-DD", "ddd ha", "localized", ...).

const PRINTF = /%(?:(%)|([-+ 0,#]*)(\d+)?(?:\.(\d+))?([diufFeEgGsxXob]))/g;

function grouped(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function printfOne(flags, width, precision, type, value) {
  const number = Number(value);
  let body;
  if ("diu".includes(type)) {
    const whole = type === "u" ? Math.abs(Math.trunc(number)) : Math.trunc(number);
    body = String(Math.abs(whole));
  } else if ("fF".includes(type)) {
    body = Math.abs(number).toFixed(precision === undefined ? 6 : Number(precision));
  } else if ("eE".includes(type)) {
    body = Math.abs(number).toExponential(precision === undefined ? 6 : Number(precision));
  } else if ("gG".includes(type)) {
    body = String(Number(Math.abs(number).toPrecision(precision === undefined ? 6 : Math.max(1, Number(precision)))));
  } else if (type === "s") {
    body = String(value);
  } else {
    body = Math.abs(Math.trunc(number)).toString({ x: 16, X: 16, o: 8, b: 2 }[type]);
  }
  if ("EGX".includes(type)) body = body.toUpperCase();
  if (flags.includes(",") && type !== "s") {
    const [integer, ...rest] = body.split(".");
    body = [grouped(integer), ...rest].join(".");
  }
  const negative = type !== "s" && number < 0 && /[1-9a-f]/i.test(body.replace(/e[+-]\d+$/i, ""));
  const sign = negative ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  const size = Number(width || 0);
  if (flags.includes("-")) return (sign + body).padEnd(size);
  if (flags.includes("0") && type !== "s") return sign + body.padStart(size - sign.length, "0");
  return (sign + body).padStart(size);
}

function printf(format, value) {
  return format.replace(PRINTF, (all, percent, flags, width, precision, type) =>
    percent ? "%" : printfOne(flags || "", width, precision, type, value));
}

function namedNumber(format, value) {
  const intl = (options) => new Intl.NumberFormat(undefined, options).format(value);
  switch (format) {
    case "plain": return String(value);
    case "localized": return intl({});
    case "percent": return intl({ style: "percent", maximumFractionDigits: 2 });
    case "dollar": return intl({ style: "currency", currency: "USD" });
    case "euro": return intl({ style: "currency", currency: "EUR" });
    case "yen": return intl({ style: "currency", currency: "JPY" });
    case "compact": return intl({ notation: "compact" });
    case "scientific": return intl({ notation: "scientific" });
    case "engineering": return intl({ notation: "engineering" });
    case "accounting": return intl({ style: "currency", currency: "USD", currencySign: "accounting" });
    case "bytes": {
      const units = ["B", "KB", "MB", "GB", "TB", "PB"];
      let size = Math.abs(value), unit = 0;
      while (size >= 1000 && unit < units.length - 1) { size /= 1000; unit += 1; }
      return `${value < 0 ? "-" : ""}${Number(size.toPrecision(3))}${units[unit]}`;
    }
    default: return null;
  }
}

function formatNumber(format, value, integer) {
  if (value === null || value === undefined || Number.isNaN(value)) return "";
  if (!format) return integer ? String(Math.trunc(value)) : String(value);
  const named = namedNumber(format, value);
  return named === null ? printf(format, value) : named;
}

// -- dates: `micros` are wall-clock microseconds, read as UTC --------------------------------
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MOMENT = /\[([^\]]*)\]|YYYY|YY|Q|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|SSS|A|a|X|x/g;

function ordinal(n) {
  const tens = n % 100, ones = n % 10;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ones === 1 ? "st" : ones === 2 ? "nd" : ones === 3 ? "rd" : "th";
  return `${n}${suffix}`;
}

function momentToken(token, date) {
  const pad = (n, size = 2) => String(n).padStart(size, "0");
  const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  const [hour, minute, second] = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()];
  const weekday = date.getUTCDay();
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  const values = {
    YYYY: pad(year, 4), YY: pad(year % 100), Q: String(Math.floor(month / 3) + 1),
    MMMM: MONTHS[month], MMM: MONTHS[month].slice(0, 3), MM: pad(month + 1), M: String(month + 1),
    Do: ordinal(day), DD: pad(day), D: String(day),
    dddd: DAYS[weekday], ddd: DAYS[weekday].slice(0, 3), dd: DAYS[weekday].slice(0, 2), d: String(weekday),
    HH: pad(hour), H: String(hour), hh: pad(twelve), h: String(twelve), mm: pad(minute), m: String(minute),
    ss: pad(second), s: String(second), SSS: pad(date.getUTCMilliseconds(), 3),
    A: hour < 12 ? "AM" : "PM", a: hour < 12 ? "am" : "pm",
    X: String(Math.floor(date.getTime() / 1000)), x: String(date.getTime()),
  };
  return values[token];
}

function relative(date) {
  const now = new Date();
  const wallNow = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours(),
    now.getMinutes(), now.getSeconds());
  const seconds = (date.getTime() - wallNow) / 1000;
  const steps = [["year", 31536000], ["month", 2592000], ["day", 86400], ["hour", 3600], ["minute", 60], ["second", 1]];
  const [unit, size] = steps.find(([, size]) => Math.abs(seconds) >= size) || ["second", 1];
  return new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }).format(Math.round(seconds / size), unit);
}

function formatDate(format, micros, kind) {
  const date = new Date(micros / 1000);
  const utc = { timeZone: "UTC" };
  if (format === "localized") {
    if (kind === "date") return date.toLocaleDateString(undefined, utc);
    if (kind === "time") return date.toLocaleTimeString(undefined, { ...utc, hour: "2-digit", minute: "2-digit" });
    return date.toLocaleString(undefined, utc);
  }
  if (format === "iso8601") {
    const iso = date.toISOString().replace(".000Z", "").replace("Z", "");
    return kind === "date" ? iso.slice(0, 10) : kind === "time" ? iso.slice(11) : iso;
  }
  if (format === "distance" || format === "calendar") return relative(date);
  return format.replace(MOMENT, (token, literal) => (literal !== undefined ? literal : momentToken(token, date)));
}

function formatValue(kind, format, value) {
  if (kind === "int" || kind === "float") return formatNumber(format, value, kind === "int");
  return formatDate(format, value, kind);
}
