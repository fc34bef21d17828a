"""Colours of the RE.MIX maps (pure Python).

Categories use the Okabe-Ito palette (Okabe & Ito 2008), readable by people with the common
forms of colour-blindness; the project status is drawn as a line pattern, not a colour, so it
never depends on telling colours apart. Zone omogenee are background tints: very light, with
grey boundaries, and identified by their label in the legend.
"""

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}

# intervento_oggetto code -> fill (in the scheme's order; unknown codes fall back to grey)
INTERVENTO_COLOURS = {
    "sostituzione": OKABE_ITO["vermillion"],
    "riuso": OKABE_ITO["bluish_green"],
    "riqualificazione": OKABE_ITO["sky_blue"],
    "riorganizzazione": OKABE_ITO["orange"],
}
FALLBACK_FILL = "#9E9E9E"
OUTLINE = "#232323"

# stato_progetto code -> (pen style name, outline width in mm)
STATO_STROKES = {
    "proposta": ("dash", 0.5),
    "in_progettazione": ("dash dot", 0.5),
    "finanziato": ("solid", 0.6),
    "in_corso": ("solid", 0.9),
    "concluso": ("solid", 0.4),
    "sospeso": ("dot", 0.5),
}

CRITICITA_HATCH = OKABE_ITO["reddish_purple"]

# zona_omogenea code -> light tint (ColorBrewer Pastel2 + Set3 tones, lightened)
ZONE_TINTS = {
    "adda_martesana": "#DDEFD9",
    "alto_milanese": "#FCE3CF",
    "magentino_abbiatense": "#E1E4F1",
    "nord_milano": "#F6DDEB",
    "nord_ovest": "#EAF4D3",
    "sud_est": "#FFF6CC",
    "sud_ovest": "#F1E6D6",
    "milano": "#E4E4E4",
}
COMUNE_BOUNDARY = "#8C8C8C"
