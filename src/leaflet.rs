//! Thin bindings to Leaflet 1.9 and Leaflet.markercluster 1.5, which the app
//! loads from our own origin (`/leaflet/`) when a page with a map first shows.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    pub type Map;
    #[wasm_bindgen(js_namespace = L, js_name = map)]
    fn new_map(element: &web_sys::HtmlElement, options: &JsValue) -> Map;
    #[wasm_bindgen(method, js_name = setView)]
    pub fn set_view(this: &Map, center: &Array, zoom: f64) -> Map;
    #[wasm_bindgen(method, js_name = fitBounds)]
    pub fn fit_bounds(this: &Map, bounds: &Array) -> Map;
    #[wasm_bindgen(method, js_name = addLayer)]
    pub fn add_layer(this: &Map, layer: &JsValue) -> Map;
    #[wasm_bindgen(method)]
    pub fn on(this: &Map, event: &str, handler: &JsValue) -> Map;
    #[wasm_bindgen(method)]
    pub fn remove(this: &Map) -> Map;

    pub type Control;
    #[wasm_bindgen(js_namespace = ["L", "control"], js_name = zoom)]
    fn zoom_control(options: &JsValue) -> Control;
    #[wasm_bindgen(method, js_name = addTo)]
    fn add_to(this: &Control, map: &Map) -> Control;

    #[wasm_bindgen(js_namespace = L, js_name = tileLayer)]
    fn tile_layer(url: &str, options: &JsValue) -> JsValue;

    pub type Group;
    #[wasm_bindgen(js_namespace = L, js_name = markerClusterGroup)]
    fn cluster_group(options: &JsValue) -> Group;
    #[wasm_bindgen(js_namespace = L, js_name = layerGroup)]
    fn layer_group() -> Group;
    #[wasm_bindgen(method, js_name = addLayers)]
    fn add_layers(this: &Group, layers: &Array) -> Group;
    #[wasm_bindgen(method, js_name = addLayer)]
    fn add_to_group(this: &Group, layer: &JsValue) -> Group;
    #[wasm_bindgen(method, js_name = clearLayers)]
    pub fn clear_layers(this: &Group) -> Group;
    #[wasm_bindgen(method, js_name = on)]
    fn on_group(this: &Group, event: &str, handler: &JsValue) -> Group;

    #[wasm_bindgen(js_namespace = L, js_name = marker)]
    fn marker(lat_lng: &Array, options: &JsValue) -> JsValue;
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    fn div_icon(options: &JsValue) -> JsValue;
}

/// Loads Leaflet and its clustering with their styles, once: a page with a map
/// shows only after this. Err when a script could not be fetched; it is then
/// asked for again on the next call.
pub async fn load() -> Result<(), JsValue> {
    if available() {
        return Ok(());
    }
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(JsValue::NULL)?;
    let head = document.head().ok_or(JsValue::NULL)?;
    // Before the app's own stylesheet, which restyles some of Leaflet's controls.
    let ours = document.query_selector("link[rel=stylesheet]")?;
    for sheet in ["leaflet.css", "MarkerCluster.css"] {
        let href = crate::paths::url(format!("/leaflet/{sheet}"));
        if document
            .query_selector(&format!("link[href=\"{href}\"]"))?
            .is_none()
        {
            let link = document.create_element("link")?;
            link.set_attribute("rel", "stylesheet")?;
            link.set_attribute("href", &href)?;
            head.insert_before(&link, ours.as_ref().map(|e| e.as_ref()))?;
        }
    }
    // The clustering extends `L`, so it comes second.
    for script in ["leaflet.js", "leaflet.markercluster.js"] {
        let element = document.create_element("script")?;
        element.set_attribute("src", &crate::paths::url(format!("/leaflet/{script}")))?;
        let loaded = js_sys::Promise::new(&mut |resolve, reject| {
            let _ = element.add_event_listener_with_callback("load", &resolve);
            let _ = element.add_event_listener_with_callback("error", &reject);
        });
        head.append_child(&element)?;
        let result = wasm_bindgen_futures::JsFuture::from(loaded).await;
        if result.is_err() {
            element.remove();
        }
        result?;
    }
    Ok(())
}

/// Whether the page loaded Leaflet (a blocked or missing script leaves no `L`).
pub fn available() -> bool {
    Reflect::has(&js_sys::global(), &"L".into()).unwrap_or(false)
}

/// A plain object from pairs, for Leaflet's options.
fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

fn point(lat: f64, lon: f64) -> Array {
    Array::of2(&lat.into(), &lon.into())
}

/// A map in `element`, over the region, with its tiles when configured and its
/// zoom buttons labelled `zoom` (in, out) in the reader's language.
pub fn region_map(
    element: &web_sys::HtmlElement,
    tiles: Option<(&str, &str)>,
    zoom: (&str, &str),
) -> Map {
    let map = new_map(
        element,
        &options(&[
            ("zoomSnap", 0.5.into()),
            ("maxZoom", 18.into()),
            ("minZoom", 5.into()),
            ("zoomControl", false.into()),
        ]),
    );
    zoom_control(&JsValue::UNDEFINED).add_to(&map);
    name_zoom_buttons(element, zoom);
    map.fit_bounds(&Array::of2(&point(47.6, 46.5), &point(51.8, 55.5)));
    if let Some((url, attribution)) = tiles {
        map.add_layer(&tile_layer(
            url,
            &options(&[("attribution", attribution.into())]),
        ));
    }
    map
}

/// Names the zoom buttons of the map in `element` (their title and label),
/// as when the reader switches language.
pub fn name_zoom_buttons(element: &web_sys::HtmlElement, (zoom_in, zoom_out): (&str, &str)) {
    for (selector, name) in [
        (".leaflet-control-zoom-in", zoom_in),
        (".leaflet-control-zoom-out", zoom_out),
    ] {
        if let Ok(Some(button)) = element.query_selector(selector) {
            let _ = button.set_attribute("title", name);
            let _ = button.set_attribute("aria-label", name);
        }
    }
}

/// A layer on `map` for names, such as the districts'.
pub fn label_layer(map: &Map) -> Group {
    let group = layer_group();
    map.add_layer(&group);
    group
}

/// Replaces the names drawn in `group` (not clickable) with `names`.
pub fn labels(group: &Group, names: &[(f64, f64, String)]) {
    group.clear_layers();
    for (lat, lon, name) in names {
        let icon = div_icon(&options(&[
            ("className", "map-label".into()),
            ("html", name.as_str().into()),
            ("iconSize", JsValue::NULL),
        ]));
        group.add_to_group(&marker(
            &point(*lat, *lon),
            &options(&[
                ("icon", icon),
                ("interactive", false.into()),
                ("keyboard", false.into()),
            ]),
        ));
    }
}

/// One marker to place: where, its CSS class (by kind), its title, and its id.
pub struct Pin<'a> {
    pub lat: f64,
    pub lon: f64,
    pub class: &'a str,
    pub title: &'a str,
    pub id: i64,
}

/// A cluster group on `map` that tells `on_pick` the id of a marker chosen by
/// click or keyboard.
pub fn clusters(
    map: &Map,
    on_pick: impl FnMut(i64) + 'static,
) -> (Group, Closure<dyn FnMut(JsValue)>) {
    let group = cluster_group(&options(&[("showCoverageOnHover", false.into())]));
    let mut on_pick = on_pick;
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let id = Reflect::get(&event, &"layer".into())
            .and_then(|layer| Reflect::get(&layer, &"options".into()))
            .and_then(|o| Reflect::get(&o, &"bastamaId".into()))
            .ok()
            .and_then(|id| id.as_f64());
        if let Some(id) = id {
            on_pick(id as i64);
        }
    });
    group.on_group("click", handler.as_ref());
    map.add_layer(&group);
    (group, handler)
}

/// Replaces the markers of `group` with `pins`.
pub fn show(group: &Group, pins: &[Pin]) {
    group.clear_layers();
    let markers = Array::new();
    // One icon for each kind, shared by its markers.
    let mut icons: Vec<(&str, JsValue)> = Vec::new();
    for pin in pins {
        let icon = match icons.iter().find(|(class, _)| *class == pin.class) {
            Some((_, icon)) => icon.clone(),
            None => {
                let icon = div_icon(&options(&[
                    ("className", format!("pin pin-{}", pin.class).into()),
                    ("iconSize", Array::of2(&18.into(), &18.into()).into()),
                ]));
                icons.push((pin.class, icon.clone()));
                icon
            }
        };
        markers.push(&marker(
            &point(pin.lat, pin.lon),
            &options(&[
                ("icon", icon),
                ("title", pin.title.into()),
                ("alt", pin.title.into()),
                ("bastamaId", (pin.id as f64).into()),
            ]),
        ));
    }
    group.add_layers(&markers);
}

/// Calls `on_pick` with the latitude and longitude of a click on the map.
pub fn on_click(map: &Map, on_pick: impl FnMut(f64, f64) + 'static) -> Closure<dyn FnMut(JsValue)> {
    let mut on_pick = on_pick;
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let at = Reflect::get(&event, &"latlng".into()).ok();
        let coordinate = |name: &str| {
            at.as_ref()
                .and_then(|a| Reflect::get(a, &name.into()).ok())
                .and_then(|v| v.as_f64())
        };
        if let (Some(lat), Some(lng)) = (coordinate("lat"), coordinate("lng")) {
            on_pick(lat, lng);
        }
    });
    map.on("click", handler.as_ref());
    handler
}
