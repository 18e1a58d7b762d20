//! The reference server of Bastama's public JSON API, and the host of the built web app.

pub mod auth;
pub mod body;
pub mod client;
pub mod config;
pub mod db;
pub mod error;
pub mod identity;
pub mod keys;
pub mod openapi;
pub mod params;
pub mod password;
pub mod prerender;
pub mod routes;
pub mod sms;
pub mod startup;
pub mod store;
pub mod web;
