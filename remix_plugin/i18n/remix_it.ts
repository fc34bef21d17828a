<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT" sourcelanguage="en">
<context>
    <name>RemixPlugin</name>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="12"/>
        <source>RE.MIX</source>
        <translation>RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="18"/>
        <source>Open or create a RE.MIX GeoPackage to map regeneration projects.</source>
        <translation>Apri o crea un GeoPackage RE.MIX per mappare i progetti di rigenerazione.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="25"/>
        <location filename="../../remix_plugin/plugin.py" line="68"/>
        <source>New RE.MIX GeoPackage…</source>
        <translation>Nuovo GeoPackage RE.MIX…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="26"/>
        <location filename="../../remix_plugin/plugin.py" line="69"/>
        <source>Create an empty RE.MIX GeoPackage with its forms, styles and project</source>
        <translation>Crea un GeoPackage RE.MIX vuoto con i suoi moduli, stili e progetto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="30"/>
        <location filename="../../remix_plugin/plugin.py" line="73"/>
        <source>Open RE.MIX GeoPackage…</source>
        <translation>Apri GeoPackage RE.MIX…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="31"/>
        <location filename="../../remix_plugin/plugin.py" line="74"/>
        <source>Open a RE.MIX GeoPackage and the project stored inside it</source>
        <translation>Apri un GeoPackage RE.MIX e il progetto salvato al suo interno</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/plugin.py" line="59"/>
        <source>RE.MIX panel</source>
        <translation>Pannello RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/plugin.py" line="59"/>
        <source>Show or hide the RE.MIX panel</source>
        <translation>Mostra o nascondi il pannello RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/provider.py" line="26"/>
        <source>RE.MIX urban and territorial regeneration</source>
        <translation>RE.MIX rigenerazione urbana e territoriale</translation>
    </message>
</context>
</TS>
