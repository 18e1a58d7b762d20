//! Who the client is: the address a request came from, or, only when it came
//! through one of `BASTAMA_TRUSTED_PROXIES`, the address those proxies say it
//! came from (`Forwarded`, else `X-Forwarded-For`): the right-most hop that is
//! not a trusted proxy. From anyone else those headers are ignored, so a client
//! cannot choose its own address to escape its limits.

use crate::error::ApiError;
use crate::routes::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};

/// The client's address, as the limits count it.
pub struct ClientAddr(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
            .ok_or_else(|| ApiError::unavailable("the client's address is unknown"))?;
        Ok(ClientAddr(client_address(
            peer,
            &parts.headers,
            &state.trusted_proxies,
        )))
    }
}

/// Parses `BASTAMA_TRUSTED_PROXIES`: addresses and CIDR blocks, separated by
/// commas or spaces.
pub fn trusted_proxies(list: &str) -> Result<Vec<IpNet>, String> {
    list.split([' ', ','])
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<IpNet>()
                .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("BASTAMA_TRUSTED_PROXIES: {s:?} is no address or CIDR block"))
        })
        .collect()
}

/// The client's address: `peer`, unless `peer` is a trusted proxy; then the
/// right-most forwarded hop that is not one. A hop that does not parse ends
/// the walk there: the last trusted hop before it is taken.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    let peer = peer.to_canonical();
    if !is_trusted(&peer) {
        return peer;
    }
    let mut client = peer;
    for hop in forwarded_hops(headers).iter().rev() {
        let Some(ip) = hop else {
            break;
        };
        client = *ip;
        if !is_trusted(ip) {
            break;
        }
    }
    client
}

/// The hops a request passed, first to last: from `Forwarded`'s `for=`
/// parameters when it is sent, else from `X-Forwarded-For`. `None` for a hop
/// that is no address (`unknown`, an obfuscated name, garbage).
fn forwarded_hops(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let values = |name| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect::<Vec<_>>()
    };
    let forwarded = values(header::FORWARDED);
    if !forwarded.is_empty() {
        return forwarded
            .iter()
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.trim().split_once('='))
                    .find(|(key, _)| key.eq_ignore_ascii_case("for"))
                    .and_then(|(_, node)| address(node.trim_matches('"')))
            })
            .collect();
    }
    values(header::HeaderName::from_static("x-forwarded-for"))
        .iter()
        .map(|hop| address(hop))
        .collect()
}

/// An address as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:80`, `2001:db8::1`.
fn address(node: &str) -> Option<IpAddr> {
    if let Ok(ip) = node.parse::<IpAddr>() {
        return Some(ip.to_canonical());
    }
    if let Ok(socket) = node.parse::<SocketAddr>() {
        return Some(socket.ip().to_canonical());
    }
    node.strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .and_then(|ip| ip.parse::<IpAddr>().ok())
        .map(|ip| ip.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                header::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        map
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_headers_count_only_from_a_trusted_proxy() {
        let trusted = trusted_proxies("10.0.0.0/8, 192.168.1.5").unwrap();
        let sent = headers(&[("x-forwarded-for", "203.0.113.7")]);
        assert_eq!(
            client_address(ip("198.51.100.2"), &sent, &trusted),
            ip("198.51.100.2")
        );
        assert_eq!(
            client_address(ip("192.168.1.5"), &sent, &trusted),
            ip("203.0.113.7")
        );
        assert_eq!(
            client_address(ip("10.1.2.3"), &HeaderMap::new(), &trusted),
            ip("10.1.2.3")
        );
    }

    #[test]
    fn the_right_most_untrusted_hop_is_the_client() {
        let trusted = trusted_proxies("10.0.0.0/8").unwrap();
        // The client forged the first hop; the proxies appended the real ones.
        let sent = headers(&[
            ("x-forwarded-for", "1.1.1.1, 203.0.113.7"),
            ("x-forwarded-for", "10.0.0.2"),
        ]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &sent, &trusted),
            ip("203.0.113.7")
        );
        let all_trusted = headers(&[("x-forwarded-for", "10.0.0.3, 10.0.0.2")]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &all_trusted, &trusted),
            ip("10.0.0.3")
        );
        let garbage = headers(&[("x-forwarded-for", "203.0.113.7, nonsense, 10.0.0.2")]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &garbage, &trusted),
            ip("10.0.0.2")
        );
    }

    #[test]
    fn forwarded_comes_before_x_forwarded_for() {
        let trusted = trusted_proxies("10.0.0.1 2001:db8::/32").unwrap();
        let sent = headers(&[
            (
                "forwarded",
                r#"for=198.51.100.9;proto=https, for="[2001:db8::5]:4711""#,
            ),
            ("x-forwarded-for", "203.0.113.7"),
        ]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &sent, &trusted),
            ip("198.51.100.9")
        );
        let ported = headers(&[("forwarded", "for=198.51.100.9:8080")]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &ported, &trusted),
            ip("198.51.100.9")
        );
        let mapped = headers(&[("x-forwarded-for", "::ffff:203.0.113.7")]);
        assert_eq!(
            client_address(ip("::ffff:10.0.0.1"), &mapped, &trusted),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn a_bad_list_is_refused() {
        assert!(trusted_proxies("10.0.0.0/33").is_err());
        assert!(trusted_proxies("proxy.local").is_err());
        assert_eq!(trusted_proxies("").unwrap(), Vec::<IpNet>::new());
    }
}
