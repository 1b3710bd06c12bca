//! Whether `new URL(input)` succeeds (the WHATWG URL parser, no base URL), which is what the
//! hooks schema's `r().url()` asks of an `http` hook's trimmed `url`.
//!
//! Failures reproduced: no scheme; an empty or invalid host of a special scheme (forbidden
//! code points, bad IPv4 or IPv6 addresses, bad `xn--` labels, soft hyphens only); a bad port;
//! credentials without a host; forbidden code points in the host of other schemes. Not
//! reproduced: the full IDNA (UTS #46) mapping of non-ASCII host names, which are taken as
//! valid unless they hold a replacement character, a zero-width joiner or non-joiner, a control
//! or space character, or a forbidden code point after width folding (so a label starting with a
//! combining mark, or breaking the bidi rule, is wrongly taken as valid).

const SPECIAL_SCHEMES: &[&str] = &["ftp", "file", "http", "https", "ws", "wss"];

pub(super) fn parses(input: &str) -> bool {
    let input: Vec<char> = input
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    // scheme start state, scheme state
    if !input.first().is_some_and(char::is_ascii_alphabetic) {
        return false;
    }
    let scheme_end = input
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .unwrap_or(input.len());
    if input.get(scheme_end) != Some(&':') {
        return false;
    }
    let scheme: String = input[..scheme_end]
        .iter()
        .collect::<String>()
        .to_ascii_lowercase();
    let rest = &input[scheme_end + 1..];
    if scheme == "file" {
        return file_url(rest);
    }
    if SPECIAL_SCHEMES.contains(&scheme.as_str()) {
        let slashes = rest.iter().take_while(|c| matches!(c, '/' | '\\')).count();
        return authority(&rest[slashes..], true);
    }
    if rest.starts_with(&['/', '/']) {
        return authority(&rest[2..], false);
    }
    // opaque path or path: nothing fails there
    true
}

/// file state, file slash state, file host state.
fn file_url(rest: &[char]) -> bool {
    let is_slash = |c: Option<&char>| matches!(c, Some('/' | '\\'));
    if !is_slash(rest.first()) || !is_slash(rest.get(1)) {
        return true;
    }
    let after = &rest[2..];
    let end = after
        .iter()
        .position(|c| matches!(c, '/' | '\\' | '?' | '#'))
        .unwrap_or(after.len());
    let host = &after[..end];
    let drive_letter =
        host.len() == 2 && host[0].is_ascii_alphabetic() && matches!(host[1], ':' | '|');
    drive_letter || host.is_empty() || parse_host(host, true)
}

/// authority state, host state, port state.
fn authority(rest: &[char], special: bool) -> bool {
    let end = rest
        .iter()
        .position(|&c| matches!(c, '/' | '?' | '#') || (special && c == '\\'))
        .unwrap_or(rest.len());
    let authority = &rest[..end];
    let (at_sign, host_and_port) = match authority.iter().rposition(|&c| c == '@') {
        Some(at) => (true, &authority[at + 1..]),
        None => (false, authority),
    };
    if at_sign && host_and_port.is_empty() {
        return false;
    }
    let mut inside_brackets = false;
    let mut colon = None;
    for (i, &c) in host_and_port.iter().enumerate() {
        match c {
            ':' if !inside_brackets => {
                colon = Some(i);
                break;
            }
            '[' => inside_brackets = true,
            ']' => inside_brackets = false,
            _ => {}
        }
    }
    let host = &host_and_port[..colon.unwrap_or(host_and_port.len())];
    if host.is_empty() && (colon.is_some() || special) {
        return false;
    }
    if !parse_host(host, special) {
        return false;
    }
    let Some(colon) = colon else { return true };
    let port = &host_and_port[colon + 1..];
    if !port.iter().all(char::is_ascii_digit) {
        return false;
    }
    let value = port.iter().fold(0u32, |value, c| {
        value
            .saturating_mul(10)
            .saturating_add(c.to_digit(10).unwrap_or(0))
    });
    port.is_empty() || value <= 65535
}

fn is_forbidden_host(c: char) -> bool {
    matches!(
        c,
        '\0' | '\t'
            | '\n'
            | '\r'
            | ' '
            | '#'
            | '/'
            | ':'
            | '<'
            | '>'
            | '?'
            | '@'
            | '['
            | '\\'
            | ']'
            | '^'
            | '|'
    )
}

fn is_forbidden_domain(c: char) -> bool {
    is_forbidden_host(c) || c <= '\u{1f}' || c == '%' || c == '\u{7f}'
}

/// The host parser.
fn parse_host(host: &[char], special: bool) -> bool {
    if host.first() == Some(&'[') {
        return host.len() >= 2 && host.last() == Some(&']') && ipv6(&host[1..host.len() - 1]);
    }
    if !special {
        // opaque host
        return !host.iter().any(|&c| is_forbidden_host(c));
    }
    let text: String = host.iter().collect();
    let decoded = String::from_utf8_lossy(&percent_decode(&text)).into_owned();
    let Some(ascii) = domain_to_ascii(&decoded) else {
        return false;
    };
    if ascii.is_empty() || ascii.chars().any(is_forbidden_domain) {
        return false;
    }
    if ends_in_number(&ascii) {
        return ipv4(&ascii);
    }
    true
}

fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: Option<&u8>| b.and_then(|b| (*b as char).to_digit(16));
        if let (b'%', Some(high), Some(low)) =
            (bytes[i], hex(bytes.get(i + 1)), hex(bytes.get(i + 2)))
        {
            out.push((high * 16 + low) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Domain to ASCII (UTS #46 ToASCII, not strict), in part: ASCII labels are lower-cased and
/// `xn--` labels must decode; non-ASCII labels are width-folded and lower-cased.
fn domain_to_ascii(domain: &str) -> Option<String> {
    let mut mapped = String::with_capacity(domain.len());
    for c in domain.chars() {
        match c {
            '\u{ad}' => {}
            '\u{3002}' | '\u{ff0e}' | '\u{ff61}' => mapped.push('.'),
            '\u{ff01}'..='\u{ff5e}' => {
                mapped.extend(char::from_u32(c as u32 - 0xfee0).map(|c| c.to_ascii_lowercase()))
            }
            '\u{fffd}' | '\u{200c}' | '\u{200d}' => return None,
            // C1 controls and line separators are disallowed; other spaces fold to U+0020.
            c if !c.is_ascii() && (c.is_control() || c.is_whitespace()) => return None,
            _ => mapped.extend(c.to_lowercase()),
        }
    }
    for label in mapped.split('.') {
        let Some(encoded) = label
            .get(..4)
            .filter(|prefix| prefix.eq_ignore_ascii_case("xn--"))
            .map(|_| &label[4..])
        else {
            continue;
        };
        let decoded = punycode_decode(encoded)?;
        let valid = !decoded.is_empty()
            && !decoded.iter().all(char::is_ascii)
            && !decoded.iter().any(|&c| c.is_control() || c == '\u{fffd}');
        if !valid {
            return None;
        }
    }
    Some(mapped)
}

/// RFC 3492 decoding; `None` when the text is not valid Punycode.
fn punycode_decode(input: &str) -> Option<Vec<char>> {
    const BASE: u32 = 36;
    let (mut output, encoded): (Vec<char>, &str) = match input.rfind('-') {
        Some(dash) => (input[..dash].chars().collect(), &input[dash + 1..]),
        None => (Vec::new(), input),
    };
    if !output.iter().all(char::is_ascii) {
        return None;
    }
    let mut n: u32 = 128;
    let mut i: u32 = 0;
    let mut bias: u32 = 72;
    let mut chars = encoded.chars().peekable();
    while chars.peek().is_some() {
        let old_i = i;
        let mut weight: u32 = 1;
        let mut k = BASE;
        loop {
            let c = chars.next()?;
            let digit = match c {
                'a'..='z' => c as u32 - 'a' as u32,
                'A'..='Z' => c as u32 - 'A' as u32,
                '0'..='9' => c as u32 - '0' as u32 + 26,
                _ => return None,
            };
            i = i.checked_add(digit.checked_mul(weight)?)?;
            let t = if k <= bias {
                1
            } else if k >= bias + 26 {
                26
            } else {
                k - bias
            };
            if digit < t {
                break;
            }
            weight = weight.checked_mul(BASE - t)?;
            k += BASE;
        }
        let length = output.len() as u32 + 1;
        bias = adapt(i - old_i, length, old_i == 0);
        n = n.checked_add(i / length)?;
        i %= length;
        let c = char::from_u32(n)?;
        output.insert(i as usize, c);
        i += 1;
    }
    Some(output)
}

fn adapt(delta: u32, length: u32, first: bool) -> u32 {
    let mut delta = if first { delta / 700 } else { delta / 2 };
    delta += delta / length;
    let mut k = 0;
    while delta > 455 {
        delta /= 35;
        k += 36;
    }
    k + 36 * delta / (delta + 38)
}

/// The ends-in-a-number checker.
fn ends_in_number(domain: &str) -> bool {
    let mut parts: Vec<&str> = domain.split('.').collect();
    if parts.last() == Some(&"") {
        if parts.len() == 1 {
            return false;
        }
        parts.pop();
    }
    let last = parts.last().copied().unwrap_or("");
    if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    ipv4_number(last).is_some()
}

/// The IPv4 number parser (saturating: any value above 2³² is out of range anyway).
fn ipv4_number(part: &str) -> Option<u64> {
    if part.is_empty() {
        return None;
    }
    let (digits, radix) = if part.len() >= 2 && (part.starts_with("0x") || part.starts_with("0X")) {
        (&part[2..], 16)
    } else if part.len() >= 2 && part.starts_with('0') {
        (&part[1..], 8)
    } else {
        (part, 10)
    };
    let mut value: u64 = 0;
    for c in digits.chars() {
        let digit = c.to_digit(radix)?;
        value = value
            .saturating_mul(u64::from(radix))
            .saturating_add(u64::from(digit));
    }
    Some(value)
}

/// The IPv4 parser.
fn ipv4(domain: &str) -> bool {
    let mut parts: Vec<&str> = domain.split('.').collect();
    if parts.len() > 1 && parts.last() == Some(&"") {
        parts.pop();
    }
    if parts.len() > 4 {
        return false;
    }
    let mut numbers = Vec::with_capacity(parts.len());
    for part in &parts {
        let Some(number) = ipv4_number(part) else {
            return false;
        };
        numbers.push(number);
    }
    let Some((last, rest)) = numbers.split_last() else {
        return false;
    };
    if rest.iter().any(|&n| n > 255) {
        return false;
    }
    *last < 256u64.pow(5 - numbers.len() as u32)
}

/// The IPv6 parser.
fn ipv6(input: &[char]) -> bool {
    let mut pieces = [0u32; 8];
    let mut piece_index = 0usize;
    let mut compress = None;
    let mut pointer = 0usize;
    let at = |p: usize| input.get(p).copied();
    if at(0) == Some(':') {
        if at(1) != Some(':') {
            return false;
        }
        pointer += 2;
        piece_index += 1;
        compress = Some(piece_index);
    }
    while at(pointer).is_some() {
        if piece_index == 8 {
            return false;
        }
        if at(pointer) == Some(':') {
            if compress.is_some() {
                return false;
            }
            pointer += 1;
            piece_index += 1;
            compress = Some(piece_index);
            continue;
        }
        let mut value = 0u32;
        let mut length = 0;
        while length < 4 {
            let Some(digit) = at(pointer).and_then(|c| c.to_digit(16)) else {
                break;
            };
            value = value * 16 + digit;
            pointer += 1;
            length += 1;
        }
        if at(pointer) == Some('.') {
            if length == 0 {
                return false;
            }
            pointer -= length;
            if piece_index > 6 {
                return false;
            }
            let mut numbers_seen = 0;
            while at(pointer).is_some() {
                if numbers_seen > 0 {
                    if at(pointer) == Some('.') && numbers_seen < 4 {
                        pointer += 1;
                    } else {
                        return false;
                    }
                }
                if !at(pointer).is_some_and(|c| c.is_ascii_digit()) {
                    return false;
                }
                let mut ipv4_piece: Option<u32> = None;
                while let Some(number) = at(pointer).and_then(|c| c.to_digit(10)) {
                    ipv4_piece = match ipv4_piece {
                        None => Some(number),
                        Some(0) => return false,
                        Some(piece) => Some(piece * 10 + number),
                    };
                    if ipv4_piece.is_some_and(|p| p > 255) {
                        return false;
                    }
                    pointer += 1;
                }
                let Some(slot) = pieces.get_mut(piece_index) else {
                    return false;
                };
                *slot = *slot * 0x100 + ipv4_piece.unwrap_or(0);
                numbers_seen += 1;
                if numbers_seen == 2 || numbers_seen == 4 {
                    piece_index += 1;
                }
            }
            if numbers_seen != 4 {
                return false;
            }
            break;
        } else if at(pointer) == Some(':') {
            pointer += 1;
            if at(pointer).is_none() {
                return false;
            }
        } else if at(pointer).is_some() {
            return false;
        }
        let Some(slot) = pieces.get_mut(piece_index) else {
            return false;
        };
        *slot = value;
        piece_index += 1;
    }
    compress.is_some() || piece_index == 8
}
