//! API tests: the real server on a random port, a fresh database each, over HTTP.

mod audit;
mod authorization;
mod ballot_box;
mod crash;
mod electorate;
mod export;
mod fairs;
mod helpers;
mod hostile;
mod initiative_writes;
mod initiatives;
mod limits;
mod meta;
mod moderation;
mod ngo_accounts;
mod ngos;
mod paper;
mod receipts;
mod two_servers;
mod voting;
mod web;
