#pragma once
// Feeling of insecurity (fear of crime) and the night-time economy (scenario sections `insecurity:`
// and `night_economy:`), as plain data. The loader fills and range-checks them; the model is in
// sim/model/insecurity.hpp (the pure score) and sim/engine/insecurity_tracker.hpp (its drivers).
//
// Insecurity is on by default because it only measures: it draws from its own stream and changes
// no crime. Its behaviour (staying home after dark) is off by default, so existing results stay.
// Every weight is an assumption with the direction the literature gives (docs/odd.md 7.23).
#include <cstdint>

namespace streetwise {

// Log-odds weights of the insecurity score. A driver's weight is what one unit of it adds.
struct InsecurityWeights {
    double own_victimisation = 1.0;  // per remembered victimisation (decaying): Hale 1996, Skogan 1987
    double nearby_crime = 0.2;       // per log(1 + known crimes near home, decaying): Hale 1996; Warr 2000 (a modest link)
    double alert_heard = 0.4;        // per alert heard (decaying): vicarious victimisation, Skogan and Maxfield 1981
    double darkness = 1.0;           // at night, all the node's streets below the dark threshold: Warr 1990; Painter 1996
    double empty_street = 0.8;       // few people at the node: Warr 1990 (no one to help)
    double crowded_street = 0.3;     // many people at the node (strangers, crowds at closing time)
    double disorder = 0.15;          // per log(1 + vandalism near home, decaying): incivilities, Skogan 1990
    double police_presence = -0.5;   // a police unit at or near the node: reassurance policing (assumption)
    double drone_presence = -0.1;    // a drone camera over the node: small, sign uncertain (assumption)
};

// Group baselines (log-odds), calibrated so the default week's after-dark answer matches ONS 2021
// (docs/validation.md). The individual draw and the situational drivers come on top.
struct InsecurityBaselines {
    double female = -1.74;
    double male = -2.79;
    double young = 0.0;  // 16-24
    double adult = 0.0;  // 25-64
    double older = 0.3;  // 65+: more worried in the CSEW (assumption on the size)
    double majority = 0.0;
    double minority = 0.3;  // ethnic minority: more worried (CSEW; assumption on the size)
};

// Residents who would feel unsafe after dark skip outings that leave or return after dark.
struct InsecurityBehaviourSpec {
    bool enabled = false;
    double stay_home_share = 0.3;  // chance per such outing that a resident who feels unsafe stays home
};

struct InsecuritySpec {
    bool enabled = true;
    double individual_sd = 1.5;  // sigma: sd of the fixed individual heterogeneity (log-odds)
    InsecurityBaselines baseline;
    InsecurityWeights weight;
    // Women and older people react more to the street situation (darkness, empty streets, crowds):
    // the situational drivers are scaled by these (Ferraro 1995; Painter 1996). 1: like men, adults.
    double female_situational_factor = 1.5;
    double older_situational_factor = 1.3;
    double victimisation_half_life_days = 90;  // memory of one's own victimisation
    double nearby_crime_half_life_days = 14;   // memory of crimes known near home
    double alert_half_life_days = 3;           // memory of alerts heard
    double disorder_half_life_days = 14;       // visible disorder (vandalism) lasting
    // Residents lived here before the run began. A memory of crime near home that started empty
    // would make the first weeks calmer than the rest (and the after-dark answer drift upward for
    // about two months), so the crime and disorder known near home are read as what they would be
    // had the crime of the run so far always gone on: the decayed count divided by
    // 1 - 2^(-t / half-life), with t the days run but at least this many (earlier, the count is
    // read as if t were this: a cautious start). 0: memories start empty and are read as they are.
    double history_min_days = 7;
    double nearby_radius_m = 300;              // "near home": crimes and disorder within this (grid cells)
    double unrecorded_weight = 0.3;            // crimes not reported still become known by word of mouth
    double empty_below = 2;                    // fewer people than this at the node: an empty street
    double crowded_from = 30;                  // this many or more: a crowded street
    double police_radius_m = 100;              // a unit this close reassures
    InsecurityBehaviourSpec behaviour;
};

// Nightlife venues' closing hours: a nightlife outing ends at its venue's closing time at the latest,
// so crowds leave together. Negative: no closing time (the outing's own duration decides; the default).
struct NightEconomySpec {
    double bar_closing_h = -1;
    double nightclub_closing_h = -1;
};

}  // namespace streetwise
