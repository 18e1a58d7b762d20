//! The reference server of Bastama's public JSON API, and the host of the built web app.

pub mod config;
pub mod db;
pub mod error;
pub mod openapi;
pub mod params;
pub mod routes;
pub mod seed;
pub mod startup;
pub mod web;
