package org.minhu.assignment.cases;

/** Who took a request over at once: an emergency service, or a utility's own hotline (named in the hand-off). */
public enum HandOffTarget {
    /** 110: police. */
    POLICE_110,
    /** 119: fire and rescue. */
    FIRE_119,
    /** 120: ambulance. */
    AMBULANCE_120,
    /** 122: traffic police (accidents). */
    TRAFFIC_POLICE_122,
    /** A water, power or gas company's own hotline (95598 and the like): its name is required. */
    UTILITY_HOTLINE
}
