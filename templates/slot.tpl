{{%AUTOESCAPE context="HTML"}}
<!--portal:content-->
