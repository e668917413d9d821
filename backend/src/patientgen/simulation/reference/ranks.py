"""NATO rank codes (STANAG 2116), casualty rank mix, typical ages, national army titles.

Titles are army titles for the ten largest contributors; where a nation leaves a NATO grade
vacant the nearest grade's title is repeated. Other nations get the NATO code only.
"""

from __future__ import annotations

RANK_CODES = (
    "OR-1", "OR-2", "OR-3", "OR-4", "OR-5", "OR-6", "OR-7", "OR-8", "OR-9",
    "OF-1", "OF-2", "OF-3", "OF-4", "OF-5", "OF-6",
)  # fmt: skip

# Share of casualties per grade: junior enlisted dominate ground-combat casualty lists.
RANK_WEIGHTS = (
    0.06, 0.14, 0.22, 0.18, 0.12, 0.07, 0.04, 0.02, 0.01,
    0.06, 0.04, 0.025, 0.01, 0.004, 0.001,
)  # fmt: skip

# Mean age in years per grade and its spread; birth dates follow from these.
RANK_AGE_MEAN = (19.5, 20.5, 22.5, 25.5, 28.5, 32.0, 36.0, 40.0, 44.0,
                 24.0, 28.5, 34.0, 40.0, 45.0, 50.0)  # fmt: skip
RANK_AGE_SD = (1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.0, 4.0, 4.0,
               2.0, 2.5, 3.0, 3.0, 3.0, 3.0)  # fmt: skip

_TITLES: dict[str, tuple[str, ...]] = {
    "USA": ("Private", "Private", "Private First Class", "Specialist", "Sergeant",
            "Staff Sergeant", "Sergeant First Class", "Master Sergeant", "Sergeant Major",
            "First Lieutenant", "Captain", "Major", "Lieutenant Colonel", "Colonel",
            "Brigadier General"),
    "GBR": ("Private", "Private", "Lance Corporal", "Corporal", "Corporal", "Sergeant",
            "Staff Sergeant", "Warrant Officer Class 2", "Warrant Officer Class 1",
            "Lieutenant", "Captain", "Major", "Lieutenant Colonel", "Colonel", "Brigadier"),
    "DEU": ("Soldat", "Gefreiter", "Obergefreiter", "Stabsgefreiter", "Unteroffizier",
            "Feldwebel", "Oberfeldwebel", "Hauptfeldwebel", "Oberstabsfeldwebel",
            "Leutnant", "Hauptmann", "Major", "Oberstleutnant", "Oberst", "Brigadegeneral"),
    "FRA": ("Soldat de 2e classe", "Soldat de 1re classe", "Caporal", "Caporal-chef",
            "Sergent", "Sergent-chef", "Adjudant", "Adjudant-chef", "Major", "Lieutenant",
            "Capitaine", "Commandant", "Lieutenant-colonel", "Colonel",
            "Général de brigade"),
    "ITA": ("Soldato", "Caporale", "Caporal maggiore", "Primo caporal maggiore",
            "Sergente", "Sergente maggiore", "Maresciallo", "Maresciallo capo",
            "Primo luogotenente", "Tenente", "Capitano", "Maggiore", "Tenente colonnello",
            "Colonnello", "Generale di brigata"),
    "POL": ("Szeregowy", "Starszy szeregowy", "Kapral", "Starszy kapral", "Plutonowy",
            "Sierżant", "Starszy sierżant", "Młodszy chorąży", "Starszy chorąży",
            "Porucznik", "Kapitan", "Major", "Podpułkownik", "Pułkownik", "Generał brygady"),
    "TUR": ("Er", "Onbaşı", "Çavuş", "Uzman Çavuş", "Astsubay Çavuş",
            "Astsubay Üstçavuş", "Astsubay Başçavuş", "Astsubay Kıdemli Başçavuş",
            "Astsubay Kıdemli Başçavuş", "Teğmen", "Yüzbaşı", "Binbaşı", "Yarbay", "Albay",
            "Tuğgeneral"),
    "ESP": ("Soldado", "Soldado de primera", "Cabo", "Cabo primero", "Sargento",
            "Sargento primero", "Brigada", "Subteniente", "Suboficial mayor", "Teniente",
            "Capitán", "Comandante", "Teniente coronel", "Coronel", "General de brigada"),
    "CAN": ("Private (Basic)", "Private", "Private", "Corporal", "Master Corporal",
            "Sergeant", "Warrant Officer", "Master Warrant Officer", "Chief Warrant Officer",
            "Lieutenant", "Captain", "Major", "Lieutenant-Colonel", "Colonel",
            "Brigadier-General"),
    "NLD": ("Soldaat der 2e klasse", "Soldaat der 1e klasse", "Korporaal",
            "Korporaal der 1e klasse", "Sergeant", "Sergeant-majoor", "Sergeant-majoor",
            "Adjudant-onderofficier", "Adjudant-onderofficier", "Eerste luitenant",
            "Kapitein", "Majoor", "Luitenant-kolonel", "Kolonel", "Brigadegeneraal"),
}  # fmt: skip


def rank_titles(nation: str) -> tuple[str, ...]:
    """National titles indexed like RANK_CODES; the NATO code where none is recorded."""
    return _TITLES.get(nation, RANK_CODES)


def nations_with_titles() -> list[str]:
    return sorted(_TITLES)
