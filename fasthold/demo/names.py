"""Fictional Danish names and conversation notes for the demo school."""

GIRLS = ["Emma", "Ida", "Clara", "Freja", "Alma", "Ella", "Sofia", "Anna", "Laura", "Karla",
         "Olivia", "Agnes", "Josefine", "Mathilde", "Maja", "Nora", "Liv", "Asta", "Frida",
         "Sara", "Caroline", "Emilie", "Signe", "Cecilie", "Amalie", "Mille", "Victoria",
         "Luna", "Johanne", "Rosa", "Aya", "Yasmin", "Zainab", "Mira"]
BOYS = ["William", "Noah", "Oscar", "Lucas", "Carl", "Victor", "Malthe", "Alfred", "Emil",
        "Aksel", "Magnus", "Frederik", "Elias", "Felix", "Anton", "Johan", "Valdemar",
        "Mikkel", "Sebastian", "Tobias", "Mads", "Rasmus", "Jonas", "Christian", "Ali",
        "Omar", "Yusuf", "Ahmad", "Adam", "Marcus", "Villads", "Storm", "Theo", "August"]
LAST = ["Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
        "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen",
        "Thomsen", "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Holm",
        "Østergaard", "Knudsen", "Lund", "Kjær", "Dahl", "Bach", "Skov", "Friis", "Bech",
        "Yilmaz", "Hussein", "Ahmadi", "Nguyen", "Kowalski", "Ibrahim", "Lindqvist", "Vestergaard",
        "Gade", "Winther", "Frost", "Bruun", "Krogh", "Dam", "Juhl", "Lassen", "Brandt", "Ravn"]

NOTES = {
    "Opstartssamtale": ["God start, har fundet sig til rette i klassen.",
                        "Usikker på valget af gymnasium; aftalt ny snak efter grundforløbet.",
                        "Lang transport; vi har talt om mødetider.",
                        "Ønsker mentor; kontakt formidlet."],
    "Screening": ["Screening gennemført; behov for lektiecafé i matematik.",
                  "Screening uden særlige bemærkninger.",
                  "Læsevanskeligheder; henvist til læsevejleder."],
    "Fraværssamtale": ["Fravær drøftet; eleven har haft det svært derhjemme.",
                       "Morgenfravær; aftalt mødeplan og ugentlig opfølgning.",
                       "Fraværet skyldes sygdom; lægeerklæring på vej.",
                       "Eleven mangler motivation; drøftet studieretning.",
                       "Aftale om afleveringsplan for skriftligt arbejde."],
    "Trivselssamtale": ["Eleven føler sig udenfor i klassen; kontaktlærer følger op.",
                        "Trives bedre efter klasseskift.",
                        "Stress omkring afleveringer; lavet plan sammen."],
    "Faglig samtale": ["Faglige huller i matematik; tilbudt lektiecafé.",
                       "Drøftet niveauskift i engelsk."],
    "Afbrudssamtale": ["Eleven vil hellere en praktisk uddannelse.",
                       "Eleven flytter med familien.",
                       "Personlige forhold fylder for meget lige nu.",
                       "Eleven har ikke fundet sig til rette socialt.",
                       "Eleven er optaget på en erhvervsuddannelse.",
                       "Fagligt for svært; drøftet hf som alternativ."],
    "Opfølgning": ["Fraværet er faldet siden sidst.", "Aftalen overholdes delvist.",
                   "Ingen bedring; sagen går videre til ledelsen."],
}

# Exit reasons by category, as a school might type them in Lectio.
EXIT_REASONS = {
    "faglige": ["Faglige vanskeligheder", "Manglende studieaktivitet", "Fagligt udfordret"],
    "personlige": ["Sygdom", "Personlige forhold", "Psykisk sygdom"],
    "sociale": ["Mistrivsel", "Sociale problemer"],
    "strukturelle": ["Flytning", "Lang transporttid", "Økonomiske forhold"],
    "skift_af_uddannelse": ["Skift til EUD", "Omvalg", "Optaget på anden uddannelse",
                            "Skift til hf"],
    "ukendt": ["Andet", ""],
}
EXIT_SHARES = {"faglige": 0.24, "personlige": 0.17, "sociale": 0.12, "strukturelle": 0.10,
               "skift_af_uddannelse": 0.31, "ukendt": 0.06}
