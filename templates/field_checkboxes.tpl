{{%AUTOESCAPE context="HTML"}}<fieldset class="field checkboxes{{#INVALID}} invalid{{/INVALID}}"{{#DESCRIBED}} aria-describedby="{{#HINT}}{{ID}}-hint {{/HINT}}{{#ERROR}}{{ID}}-error{{/ERROR}}"{{/DESCRIBED}}>
  <legend>{{LABEL}}{{#REQUIRED}} <span class="required">[[field.required_mark]]</span>{{/REQUIRED}}</legend>
  {{#HINT}}<p class="hint" id="{{ID}}-hint">{{HINT_TEXT}}</p>{{/HINT}}
  <ul>
    {{#OPTION}}<li><input type="checkbox" id="{{OPTION_ID}}" name="{{NAME}}" value="{{OPTION_VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> <label for="{{OPTION_ID}}">{{OPTION_LABEL}}</label></li>
    {{/OPTION}}
  </ul>
  {{#ERROR}}<p class="error" id="{{ID}}-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</fieldset>
